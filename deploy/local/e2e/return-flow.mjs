// A quality return from request to refund, through the application's public API only:
//   the channel opens it; the evidence review appears in the agent task API (GET /api/tasks) with its group
//   and due date; a completion the form would refuse is refused; an agent takes it and approves
//   (POST /api/tasks/{key}/assignment, /completion); the case moves on (urgent, return label) and its timeline
//   names the agent; the warehouse reports the parcel (POST /api/warehouse/receipts); the case is REFUNDED and
//   the payments sandbox recorded exactly one refund of the right amount under the case's idempotency key.
//
// Usage: node return-flow.mjs   Last line: "RESULT passed=N failed=N".
import { Checks, RUN, api, assignAndComplete, call, caseReaches, keyOf, openTask, poll, refundedOnce } from './lib.mjs';

const REVIEW = 'UserTask_ReviewEvidence';
/** DEMO-QUALITY's kettle as the warehouse scans it (sandbox/__files/oms/orders/DEMO-QUALITY.json). */
const KETTLE = { sku: 'SKU-KETTLE-1L5', barcode: '6920000000035', grade: 'DAMAGED' };
/** 259.00 paid + 12.00 return shipping, which the merchant bears for a quality return without freight insurance. */
const REFUND = '271.00';
const checks = new Checks();

const caseId = await checks.run('return: a quality return is opened (POST /api/after-sales/requests)', async () => {
  const opened = await api('POST', '/api/after-sales/requests', 'channel', {
    channel: 'DOUYIN', channelRequestId: `e2e-return-${RUN}`, orderId: 'DEMO-QUALITY', type: 'RETURN',
    reason: 'QUALITY', description: 'arrived with a cracked lid', unopened: false,
    lines: [{ sku: KETTLE.sku, quantity: 1 }],
    evidence: [{ url: 'https://img.example/cracked-lid.jpg', kind: 'PHOTO' }],
  });
  if (opened.status !== 'OPEN') throw new Error(`status ${opened.status}`);
  return opened.caseId;
});

let task;
if (caseId) {
  task = await checks.run('return: the evidence review is in the agents\' list (GET /api/tasks?caseId=&state=CREATED) and the case view', async () => {
    const open = await openTask(caseId, REVIEW);
    if (!(open.candidateGroups ?? []).includes('qc-team') || !open.dueDate) throw new Error(`unexpected task ${JSON.stringify(open)}`);
    const inView = (await api('GET', `/api/after-sales/cases/${caseId}`, 'agent')).tasks ?? [];
    if (!inView.some((t) => keyOf(t) === keyOf(open))) throw new Error(`the case view does not show it: ${JSON.stringify(inView)}`);
    return open;
  });
}

if (task) {
  await checks.run('return: a completion the form refuses (no decision) is refused, the task stays open', async () => {
    const refused = await call('POST', `/api/tasks/${keyOf(task)}/completion`, 'agent', { variables: { reviewDecision: 'MAYBE' } });
    if (refused.status !== 400) throw new Error(`answered ${refused.status}: ${refused.text}`);
    await openTask(caseId, REVIEW);
    return `400 ${refused.text.slice(0, 100)}`;
  });

  await checks.run('return: the agent takes the review and approves it (assignment, completion)', async () => {
    const key = await assignAndComplete(task, 'agent', {
      reviewDecision: 'APPROVE', reviewNote: 'Crack visible on the photo (e2e agent).',
    });
    return `task ${key}, assigned to and completed by agent`;
  });

  await checks.run('return: approved: urgent, return label sent, the agent and decision in the timeline', async () => {
    const view = await caseReaches(caseId, 'AWAITING_PARCEL');
    if (!view.urgent || !view.trackingNumber) throw new Error(`urgent ${view.urgent}, tracking ${view.trackingNumber}`);
    return poll('the review with its agent in the timeline', async () => {
      const timeline = await api('GET', `/api/after-sales/cases/${caseId}/timeline`, 'auditor');
      const review = timeline.find((e) => e.kind === 'HUMAN_TASK' && e.details?.task === 'evidence-review');
      if (review?.details.assignee !== 'agent' || review.details.formData?.reviewDecision !== 'APPROVE') return null;
      return `tracking ${view.trackingNumber}; reviewed by ${review.details.assignee} at ${review.details.completionTime}`;
    });
  });

  const received = await checks.run('return: the warehouse reports the parcel (POST /api/warehouse/receipts)', async () => {
    await api('POST', '/api/warehouse/receipts', 'warehouse', { caseId, items: [KETTLE] });
    return `${KETTLE.sku} graded ${KETTLE.grade}`;
  });
  if (received) {
    await checks.run(`return: REFUNDED with ${REFUND} CNY`, async () => {
      const view = await caseReaches(caseId, 'REFUNDED');
      if (Number(view.refund?.amount).toFixed(2) !== REFUND || view.refund.status !== 'ISSUED') {
        throw new Error(`refund ${JSON.stringify(view.refund)}`);
      }
      return `refund ${view.refund.refundId}`;
    });
    await checks.run(`return: the payments sandbox recorded exactly one refund of ${REFUND}`, () =>
      refundedOnce(caseId, REFUND, 'PAY-DEMO-QUALITY'));
  }
}

checks.end();
