import { describe, expect, it } from 'vitest';
import { decisionsFromTimeline, disagreesWithEngine, entries, matchedRowSelector, requiredDecisions } from '../src/lib/decisions.js';

// A DECISION entry as the timeline records it (GET /api/after-sales/cases/{caseId}/timeline)
const eligibility = {
  time: '2026-12-05T09:53:40Z', kind: 'DECISION', elementId: 'BusinessRuleTask_DecideReturnEligibility',
  details: {
    decisionId: 'return-eligibility', decisionVersion: 1, decisionKey: 2251799813685309,
    inputs: { reason: 'QUALITY', daysSinceDelivery: 10 }, output: { eligibility: 'EVIDENCE_REVIEW', couponAmount: 0 },
    matchedRules: [{ ruleId: 'Rule_QualityProblem', ruleIndex: 2 }],
    evaluatedDecisions: [
      { decisionId: 'return-window', version: 1, matchedRules: [{ ruleId: 'Rule_QualityWindow', ruleIndex: 1 }], output: { windowDays: 15 } },
      { decisionId: 'return-eligibility', version: 1, matchedRules: [{ ruleId: 'Rule_QualityProblem', ruleIndex: 2 }] },
    ],
  },
};
const classification = { time: '2026-12-05T09:53:39Z', kind: 'DECISION', elementId: 'ServiceTask_Classify', details: { reason: 'QUALITY' } };

describe('decisions of a case', () => {
  it('from the timeline: only DMN decisions, with version, matched row and the decisions they required', () => {
    const [decision, ...others] = decisionsFromTimeline([classification, eligibility, { kind: 'STATUS' }]);
    expect(others).toEqual([]);
    expect(decision.decisionId).toBe('return-eligibility');
    expect(decision.decisionVersion).toBe(1);
    expect(decision.matchedRules).toEqual([{ ruleId: 'Rule_QualityProblem', ruleIndex: 2, row: 2 }]);
    expect(requiredDecisions(decision).map((d) => [d.decisionId, d.decisionVersion, d.matchedRules[0].row])).toEqual([['return-window', 1, 1]]);
  });

  it('a business rule task whose rows were matched again with another output than the engine\'s is flagged', () => {
    const recorded = (outputMatchesEngine) => decisionsFromTimeline([{ ...eligibility, details: { ...eligibility.details, outputMatchesEngine } }])[0];
    expect(disagreesWithEngine(recorded(false))).toBe(true);
    expect(disagreesWithEngine(recorded(true))).toBe(false);
    // a decision a worker applied itself carries no such check
    expect(disagreesWithEngine(decisionsFromTimeline([eligibility])[0])).toBe(false);
    expect(disagreesWithEngine({ outputMatchesEngine: false })).toBe(true);
  });

  it('the matched rows are found by rule id in the decision table', () => {
    expect(matchedRowSelector([{ ruleId: 'Rule_QualityProblem' }]))
      .toBe('[data-row-id="Rule_QualityProblem"], [data-element-id="Rule_QualityProblem"]');
    expect(matchedRowSelector([])).toBe('');
  });

  it('a decision fed by the decision context lists its facts one per row, those that do not apply left out', () => {
    expect(entries({ facts: { reason: 'QUALITY', daysSinceDelivery: 10, promotion: null } }))
      .toEqual([['reason', 'QUALITY'], ['daysSinceDelivery', 10]]);
    expect(entries({ grade: 'DAMAGED' })).toEqual([['grade', 'DAMAGED']]);
    expect(entries(null)).toEqual([]);
  });
});
