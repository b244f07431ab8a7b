package dev.aftersales.tasks;

/** A human task's state; the engine's transitional states (a listener still running) count as the state the task is in. */
public enum TaskState {
  CREATED,
  COMPLETED,
  CANCELED,
  FAILED
}
