package dev.aftersales.tasks;

import java.time.Instant;

/**
 * A user task being completed, as its completing listener saw it.
 *
 * @param elementId the user task's BPMN element
 * @param assignee who completes it; null when the task was completed unassigned
 * @param completedAt when the listener ran, moments before the engine completed the task
 */
public record TaskCompletion(long userTaskKey, long processInstanceKey, String elementId, String caseId,
    String assignee, Instant completedAt) {}
