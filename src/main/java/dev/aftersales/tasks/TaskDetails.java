package dev.aftersales.tasks;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;

/**
 * {@code GET /api/tasks/{taskKey}}: the task as the list shows it, with the case it belongs to ({@code caseId}
 * null when its process has none), and the variables visible to it, with which the agent's form is rendered.
 */
public record TaskDetails(@JsonUnwrapped TaskView task, Map<String, Object> variables) {}
