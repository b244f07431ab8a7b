package dev.aftersales.timeline;

/** What kind of step a timeline entry records. */
public enum TimelineKind {
  DECISION,
  EXTERNAL_CALL,
  HUMAN_TASK,
  MESSAGE,
  STATUS
}
