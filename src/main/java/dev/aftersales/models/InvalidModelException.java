package dev.aftersales.models;

/** A model (an uploaded candidate DMN) that cannot be read or evaluated; the message completes "The DMN …". */
public class InvalidModelException extends RuntimeException {

  public InvalidModelException(String message) {
    super(message);
  }
}
