// Each decision of a case (GET /api/after-sales/cases/{caseId}/decisions) and how to show it on its table.

/** Without the decision audit endpoint: the same facts from the timeline's DECISION entries of a DMN. */
export function decisionsFromTimeline(timeline) {
  return timeline
    .filter((e) => e.kind === 'DECISION' && e.details?.decisionId)
    .map((e) => ({
      time: e.time,
      elementId: e.elementId,
      decisionId: e.details.decisionId,
      decisionName: e.details.decisionId,
      decisionVersion: e.details.decisionVersion,
      inputs: e.details.inputs ?? {},
      output: e.details.output ?? {},
      outputMatchesEngine: e.details.outputMatchesEngine ?? null,
      matchedRules: (e.details.matchedRules ?? []).map((r) => ({ ...r, row: r.row ?? r.ruleIndex })),
      evaluatedDecisions: (e.details.evaluatedDecisions ?? []).map((d) => ({
        ...d,
        decisionVersion: d.decisionVersion ?? d.version,
        matchedRules: (d.matchedRules ?? []).map((r) => ({ ...r, row: r.row ?? r.ruleIndex })),
      })),
    }));
}

/** The required decisions evaluated with a decision (the table it reads its inputs from), itself left out. */
export function requiredDecisions(decision) {
  return (decision.evaluatedDecisions ?? []).filter((d) => d.decisionId !== decision.decisionId);
}

/** CSS selector of the cells of the matched rows in dmn-js's decision table. */
export function matchedRowSelector(matchedRules) {
  return (matchedRules ?? []).flatMap((r) => {
    const id = String(r.ruleId).replace(/["\\]/g, '\\$&');
    return [`[data-row-id="${id}"]`, `[data-element-id="${id}"]`];
  }).join(', ');
}

/**
 * Rows of an inputs or outputs object, in its order: [[name, value]]. A decision fed by the documented decision
 * context receives one {@code facts} context: its facts are listed one per row, those that do not apply to the case
 * (null) left out.
 */
export function entries(values) {
  const all = Object.entries(values ?? {});
  if (all.length === 1 && all[0][0] === 'facts' && all[0][1] && typeof all[0][1] === 'object' && !Array.isArray(all[0][1])) {
    return Object.entries(all[0][1]).filter(([, v]) => v !== null && v !== undefined);
  }
  return all;
}

/**
 * Whether the rows shown may not be the ones the engine matched: a business rule task's decision, evaluated again
 * for its rows, gave another output than the engine gave at the task (docs/decisions.md).
 */
export function disagreesWithEngine(decision) {
  return decision.outputMatchesEngine === false;
}
