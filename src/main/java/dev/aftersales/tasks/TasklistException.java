package dev.aftersales.tasks;

/** Tasklist could not be reached, refused the login or a call, or answered something unreadable. */
public class TasklistException extends RuntimeException {

  public TasklistException(String message, Throwable cause) {
    super(message, cause);
  }
}
