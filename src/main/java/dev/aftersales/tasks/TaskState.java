package dev.aftersales.tasks;

/** A human task's state as Tasklist reports it ({@code taskState}). */
public enum TaskState {
  CREATED,
  COMPLETED,
  CANCELED,
  FAILED
}
