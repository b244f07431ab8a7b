package dev.aftersales.tasks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A human task's priority, due date and escalation, from one evaluation of the decision
 * {@code task-priority}: the one local variable {@value #VARIABLE} of the user task that its due date,
 * its priority and its escalation timer read (docs/task-priority.md).
 *
 * @param kind the task kind the decision matched (the task's {@code taskKind} header)
 * @param slaHours hours from the task's creation to its due date, and between the two escalation levels
 * @param dueDate ISO-8601 instant, read by the task's {@code zeebe:taskSchedule dueDate}
 * @param escalations ISO-8601 repeating interval {@code R2/<dueDate>/<SLA>}, read by the escalation timer:
 *     it fires at the due date (level 1) and one SLA later (level 2)
 * @param escalatedPriority the priority at the first escalation (a higher one is kept)
 * @param supervisorGroup added to the candidate groups at the first escalation, told at both
 * @param managerGroup added to the candidate groups at the second escalation
 */
public record TaskSla(
    String kind,
    int priority,
    BigDecimal slaHours,
    String dueDate,
    String escalations,
    int escalatedPriority,
    String supervisorGroup,
    String managerGroup) {

  public static final String VARIABLE = "taskSla";
  /** The repetitions of the escalation timer: level 1 at the due date, level 2 one SLA later. */
  static final int ESCALATION_LEVELS = 2;

  /** The SLA of a task created {@code now}, from the outputs of task-priority. */
  public static TaskSla decided(String kind, Map<String, Object> output, Instant now) {
    BigDecimal hours = number(output, "slaHours");
    Duration sla = Duration.ofMinutes(hours.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP)
        .longValueExact());
    if (sla.isNegative() || sla.isZero()) {
      throw new IllegalArgumentException("task-priority gave a task " + kind + " an SLA of " + hours + " hours");
    }
    Instant due = now.truncatedTo(ChronoUnit.SECONDS).plus(sla);
    return new TaskSla(kind, percent(output, "priority"), hours, due.toString(),
        "R%d/%s/%s".formatted(ESCALATION_LEVELS, due, sla), percent(output, "escalatedPriority"),
        text(output, "supervisorGroup"), text(output, "managerGroup"));
  }

  /** The variable as the user-task variables API returns it (JSON parsed to a map). */
  public static TaskSla of(Object variable) {
    if (!(variable instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("the task has no " + VARIABLE + " variable: " + variable);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> v = (Map<String, Object>) map;
    return new TaskSla(text(v, "kind"), percent(v, "priority"), number(v, "slaHours"), text(v, "dueDate"),
        text(v, "escalations"), percent(v, "escalatedPriority"), text(v, "supervisorGroup"), text(v, "managerGroup"));
  }

  public Instant due() {
    return Instant.parse(dueDate);
  }

  public Duration sla() {
    return Duration.ofMinutes(slaHours.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP)
        .longValueExact());
  }

  /** When the second escalation (the managers) comes: the supervisors' deadline. */
  public Instant managersAt() {
    return due().plus(sla());
  }

  private static BigDecimal number(Map<String, Object> values, String name) {
    Object value = values.get(name);
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    throw new IllegalArgumentException("task-priority gave no number " + name + ": " + values);
  }

  private static int percent(Map<String, Object> values, String name) {
    int value = number(values, name).setScale(0, RoundingMode.HALF_UP).intValueExact();
    if (value < 0 || value > 100) {
      throw new IllegalArgumentException(name + " must be 0-100, task-priority gave " + value);
    }
    return value;
  }

  private static String text(Map<String, Object> values, String name) {
    Object value = values.get(name);
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException("task-priority gave no " + name + ": " + values);
  }
}
