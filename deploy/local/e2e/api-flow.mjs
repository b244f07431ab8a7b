// A quality return from request to refund on a running local stack, through the APIs only:
//   opened through the application's API; the agent approves the evidence through Tasklist's v1 API
//   (log in, assign, complete with the form's variables); the warehouse reports the parcel
//   (POST /api/warehouse/receipts); the payments sandbox has recorded exactly one refund of the
//   right amount under the case's idempotency key. Cases already approved elsewhere (the browser
//   test's) are given with --approved CASE_ID and go through the receipt and refund checks as well.
//
// Usage: node api-flow.mjs [--approved CASE_ID]...   Last line: "RESULT passed=N failed=N".
import {
  AGENT_LOGIN, KETTLE_RECEIPT_ITEM, KETTLE_REFUND, Checks, api, caseTask, poll, qualityReturn, refundsSentWithKey,
  tasklistSession,
} from './lib.mjs';

const approvedElsewhere = [];
for (let i = 2; i < process.argv.length; i += 1) {
  if (process.argv[i] === '--approved' && process.argv[i + 1]) approvedElsewhere.push(process.argv[(i += 1)]);
  else throw new Error(`usage: node api-flow.mjs [--approved CASE_ID]... (got ${process.argv[i]})`);
}

const checks = new Checks();
const cases = [...approvedElsewhere];

const caseId = await checks.run('API: a quality return is opened (POST /api/after-sales/requests)', async () => {
  const opened = await api('POST', '/api/after-sales/requests', 'channel', qualityReturn(`api-${Date.now()}`));
  if (opened.status !== 'OPEN') throw new Error(`status ${opened.status}`);
  return opened.caseId;
});

if (caseId) {
  cases.push(caseId);
  let taskId;
  await checks.run('case view: the open evidence review shows with group, priority, due date', async () => {
    const open = await poll('the open Review evidence task', () => caseTask(caseId, 'UserTask_ReviewEvidence', 'CREATED'));
    taskId = open.taskId;
    if (!open.candidateGroups.includes('qc-team') || open.priority !== 80 || !open.dueDate) {
      throw new Error(`unexpected task ${JSON.stringify(open)}`);
    }
    return `task ${open.taskId}, ${open.candidateGroups.join(',')}, priority ${open.priority}, due ${open.dueDate}`;
  });

  if (taskId) {
    await checks.run(`Tasklist API: ${AGENT_LOGIN} assigns and completes it with APPROVE`, async () => {
      const tasklist = await tasklistSession();
      const found = await tasklist('POST', '/v1/tasks/search', { state: 'CREATED', taskDefinitionId: 'UserTask_ReviewEvidence' });
      const listed = found.find((t) => t.id === taskId);
      if (!listed || listed.formId !== 'evidence-review') throw new Error(`task ${taskId} not in the agent's list with its form`);
      const form = await tasklist('GET', `/v1/forms/evidence-review?processDefinitionKey=${listed.processDefinitionKey}`);
      if (!form.schema.includes('reviewDecision')) throw new Error('the evidence-review form has no reviewDecision field');
      await tasklist('PATCH', `/v1/tasks/${taskId}/assign`, { assignee: AGENT_LOGIN });
      const completed = await tasklist('PATCH', `/v1/tasks/${taskId}/complete`, {
        variables: [
          { name: 'reviewDecision', value: JSON.stringify('APPROVE') },
          { name: 'reviewNote', value: JSON.stringify('Crack visible on the photo (API agent).') },
        ],
      });
      if (completed.taskState !== 'COMPLETED') throw new Error(`taskState ${completed.taskState}`);
      return `taskState ${completed.taskState}, assignee ${completed.assignee}`;
    });

    await checks.run('the case moved on: approved, urgent, label sent; agent in the timeline', () =>
      poll('AWAITING_PARCEL with the agent in the timeline', async () => {
        const view = await api('GET', `/api/after-sales/cases/${caseId}`, 'agent');
        if (view.status !== 'AWAITING_PARCEL' || !view.urgent || !view.trackingNumber) return null;
        const timeline = await api('GET', `/api/after-sales/cases/${caseId}/timeline`, 'auditor');
        const review = timeline.find((e) => e.kind === 'HUMAN_TASK' && e.details?.task === 'evidence-review');
        if (review?.details.assignee !== AGENT_LOGIN || review.details.formData?.reviewDecision !== 'APPROVE') return null;
        return `tracking ${view.trackingNumber}, reviewed by ${review.details.assignee} at ${review.details.completionTime}`;
      }));
  }
}

for (const id of cases) {
  const short = id.slice(0, 8);
  const received = await checks.run(`case ${short}: the warehouse reports the parcel (POST /api/warehouse/receipts)`, async () => {
    await poll('the case awaiting its parcel', async () =>
      (await api('GET', `/api/after-sales/cases/${id}`, 'agent')).status === 'AWAITING_PARCEL');
    await api('POST', '/api/warehouse/receipts', 'warehouse', { caseId: id, items: [KETTLE_RECEIPT_ITEM] });
    return `${KETTLE_RECEIPT_ITEM.sku} graded ${KETTLE_RECEIPT_ITEM.grade}`;
  });
  if (!received) continue;
  await checks.run(`case ${short}: REFUNDED with ${KETTLE_REFUND} CNY`, () =>
    poll('the case REFUNDED', async () => {
      const view = await api('GET', `/api/after-sales/cases/${id}`, 'agent');
      if (view.status !== 'REFUNDED') return null;
      if (Number(view.refund?.amount).toFixed(2) !== KETTLE_REFUND || view.refund.status !== 'ISSUED') {
        throw new Error(`refund ${JSON.stringify(view.refund)}`);
      }
      return `refund ${view.refund.refundId}`;
    }));
  await checks.run(`case ${short}: the payments sandbox recorded exactly one refund of ${KETTLE_REFUND}`, async () => {
    const refunds = await refundsSentWithKey(`${id}:refund`);
    if (refunds.length !== 1) throw new Error(`${refunds.length} refund requests with key ${id}:refund`);
    const [refund] = refunds;
    if (Number(refund.amount).toFixed(2) !== KETTLE_REFUND || refund.currency !== 'CNY' || refund.paymentId !== 'PAY-DEMO-QUALITY') {
      throw new Error(`refund request ${JSON.stringify(refund)}`);
    }
    return `${Number(refund.amount).toFixed(2)} ${refund.currency} to ${refund.paymentId}, key ${refund.idempotencyKey}`;
  });
}

console.log(`RESULT passed=${checks.passed} failed=${checks.failed}`);
process.exitCode = checks.failed === 0 ? 0 : 1;
