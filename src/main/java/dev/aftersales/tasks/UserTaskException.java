package dev.aftersales.tasks;

/**
 * The engine did not do what was asked of a user task: the task is unknown, the engine refused the
 * command (e.g. the task is already completed or assigned to someone else), or the engine could not
 * be reached. Every {@link UserTasks} implementation throws it, so callers handle one type.
 */
public class UserTaskException extends RuntimeException {

  /** Why, as far as the caller needs to tell it apart. */
  public enum Reason {
    NOT_FOUND,
    REJECTED,
    UNAVAILABLE
  }

  private final Reason reason;

  public UserTaskException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
