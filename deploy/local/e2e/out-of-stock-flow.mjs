// Out-of-stock cases on a running local stack, through the APIs only (docs/out-of-stock-process.md),
// on the sandbox's order DEMO-OUT-OF-STOCK (warehouse WH-HZ-01):
//   - the mugs (SKU-OOS-SOON, stock in 2 days) are reported short, twice: one case, which waits on its
//     own; the warehouse reports the arrival (POST /api/stock/arrivals), the backorder ships (SHIPPED);
//   - the rice cooker (SKU-OOS-LATE, stock in 10 days) is reported short: an agent gets the
//     customer-contact task in Tasklist and records CANCEL through Tasklist's v1 API; the line is
//     cancelled and 459.00 refunded exactly once (CANCELLED).
//
// Usage: node out-of-stock-flow.mjs   Last line: "RESULT passed=N failed=N".
import { AGENT_LOGIN, Checks, api, caseTask, poll, refundsSentWithKey, tasklistSession } from './lib.mjs';

const ORDER = 'DEMO-OUT-OF-STOCK';
const CONTACT = 'UserTask_ContactCustomerAboutShortage';
const checks = new Checks();

/** POST .../shortages with the status code (api() hides it): 201 for a new case, 200 for a repeat. */
async function reportShortage(body) {
  const answer = await fetch(`http://localhost:${process.env.APP_PORT ?? 8090}/api/orders/${ORDER}/shortages`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from('warehouse:warehouse').toString('base64'), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await answer.text();
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`shortage report answered ${answer.status}: ${text}`);
  return { ...JSON.parse(text), httpStatus: answer.status };
}

async function caseIn(caseId, status) {
  const view = await api('GET', `/api/after-sales/cases/${caseId}`, 'agent');
  return view.status === status ? view : null;
}

// ---------------------------------------------------------------------- mugs: wait, arrival, shipped
const mugs = await checks.run('out-of-stock: the mugs are reported short twice and get one case', async () => {
  const first = await reportShortage({ sku: 'SKU-OOS-SOON', quantity: 2 });
  const again = await reportShortage({ sku: 'SKU-OOS-SOON', quantity: 2 });
  if (first.httpStatus !== 201 || again.httpStatus !== 200 || again.caseId !== first.caseId) {
    throw new Error(`answers ${first.httpStatus} ${first.caseId} / ${again.httpStatus} ${again.caseId}`);
  }
  return first.caseId;
});

if (mugs) {
  const waiting = await checks.run('out-of-stock: arrival within 3 days, so the order waits on its own', () =>
    poll('the mugs WAITING_FOR_STOCK in the queue', async () => {
      const view = await caseIn(mugs, 'WAITING_FOR_STOCK');
      if (!view || view.shortage?.waitStatus !== 'WAITING') return null;
      if (view.shortage.handling !== 'WAIT_FOR_STOCK') throw new Error(`handling ${view.shortage.handling}`);
      return `next arrival ${view.shortage.nextArrivalDate}`;
    }));
  if (waiting) {
    await checks.run('out-of-stock: the arrival wakes the backorder, which ships once (SHIPPED)', async () => {
      const arrival = await api('POST', '/api/stock/arrivals', 'warehouse',
        { sku: 'SKU-OOS-SOON', quantity: 2, warehouseId: 'WH-HZ-01', arrivalId: `E2E-${mugs}` });
      if (!arrival.woken.some((w) => w.caseId === mugs)) throw new Error(`arrival woke ${JSON.stringify(arrival.woken)}`);
      const view = await poll('the mugs SHIPPED', () => caseIn(mugs, 'SHIPPED'));
      return `arrival ${arrival.arrivalId}, outbound order ${view.shortage.outboundOrderId}, waited ${view.shortage.waitedMinutes} min`;
    });
  }
}

// ------------------------------------------------------------- rice cooker: agent, cancel, refund
const cooker = await checks.run('out-of-stock: the rice cooker is reported short (arrival in 10 days)', async () =>
  (await reportShortage({ sku: 'SKU-OOS-LATE', quantity: 1 })).caseId);

if (cooker) {
  const taskId = await checks.run('out-of-stock: the customer-contact task is open for customer service', async () => {
    const open = await poll('the open contact task', () => caseTask(cooker, CONTACT, 'CREATED'));
    if (!open.candidateGroups.includes('customer-service')) throw new Error(`unexpected task ${JSON.stringify(open)}`);
    return open.taskId;
  });
  if (taskId) {
    await checks.run(`Tasklist API: ${AGENT_LOGIN} records the customer's CANCEL`, async () => {
      const tasklist = await tasklistSession();
      await tasklist('PATCH', `/v1/tasks/${taskId}/assign`, { assignee: AGENT_LOGIN });
      const completed = await tasklist('PATCH', `/v1/tasks/${taskId}/complete`, {
        variables: [
          { name: 'customerAnswer', value: JSON.stringify('CANCEL') },
          { name: 'contactNotes', value: JSON.stringify('Does not want to wait 10 days (e2e agent).') },
        ],
      });
      if (completed.taskState !== 'COMPLETED') throw new Error(`taskState ${completed.taskState}`);
      return `taskState ${completed.taskState}`;
    });
    await checks.run('out-of-stock: the line is cancelled and 459.00 refunded exactly once (CANCELLED)', async () => {
      const view = await poll('the rice cooker CANCELLED', () => caseIn(cooker, 'CANCELLED'));
      const refunds = await refundsSentWithKey(`${cooker}:refund`);
      if (refunds.length !== 1 || Number(refunds[0].amount).toFixed(2) !== '459.00') {
        throw new Error(`refund requests ${JSON.stringify(refunds)}`);
      }
      if (!view.shortage.cancellationId) throw new Error('no cancellation on the case');
      return `cancellation ${view.shortage.cancellationId}, refund ${view.refund.refundId}`;
    });
  }
}

console.log(`RESULT passed=${checks.passed} failed=${checks.failed}`);
process.exitCode = checks.failed === 0 ? 0 : 1;
