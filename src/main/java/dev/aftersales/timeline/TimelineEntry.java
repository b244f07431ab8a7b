package dev.aftersales.timeline;

import java.time.Instant;
import java.util.Map;

/**
 * One step of a case's audit trail. {@code details} holds what an auditor needs for the kind:
 * decision id, version, matched rule and inputs; idempotency key and response; assignee and form data.
 */
public record TimelineEntry(
    long id,
    String caseId,
    Instant occurredAt,
    TimelineKind kind,
    String elementId,
    String actor,
    String summary,
    Map<String, Object> details) {}
