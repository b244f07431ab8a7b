package dev.aftersales.models;

/** No deployed process, decision or form has this id: answered 404. */
public class ModelNotFoundException extends RuntimeException {

  public ModelNotFoundException(String kind, String id) {
    super("No deployed %s with id %s".formatted(kind, id));
  }
}
