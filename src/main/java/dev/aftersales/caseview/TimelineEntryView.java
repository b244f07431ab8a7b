package dev.aftersales.caseview;

import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import java.time.Instant;
import java.util.Map;

/** One step of {@code GET /api/after-sales/cases/{caseId}/timeline}. */
public record TimelineEntryView(
    Instant time, TimelineKind kind, String elementId, String actor, String summary, Map<String, Object> details) {

  /** @param masked customer personal data in the details replaced ({@link PersonalData}) */
  static TimelineEntryView of(TimelineEntry e, boolean masked) {
    return new TimelineEntryView(e.occurredAt(), e.kind(), e.elementId(), e.actor(), e.summary(),
        masked ? PersonalData.masked(e.details()) : e.details());
  }
}
