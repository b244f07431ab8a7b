// Out-of-stock lines of the sandbox's order DEMO-OUT-OF-STOCK (warehouse WH-HZ-01), through the application's
// public API only (docs/out-of-stock-process.md):
//   - the mugs (SKU-OOS-SOON, stock in 2 days) are reported short, twice: one case, which waits on its own;
//     the warehouse reports the arrival (POST /api/stock/arrivals), the backorder ships (SHIPPED);
//   - the rice cooker (SKU-OOS-LATE, stock in 10 days) is reported short: the customer-contact task appears in
//     the agent task API; an agent records the customer's CANCEL; the line is cancelled and 459.00 refunded
//     exactly once (CANCELLED).
//
// Usage: node out-of-stock-flow.mjs   Last line: "RESULT passed=N failed=N".
import { APP, Checks, RUN, api, assignAndComplete, caseReaches, openTask, poll, caseView, refundedOnce } from './lib.mjs';

const ORDER = 'DEMO-OUT-OF-STOCK';
const CONTACT = 'UserTask_ContactCustomerAboutShortage';
const checks = new Checks();

/** POST .../shortages with its status code: 201 for a new case, 200 for a repeat of the same report. */
async function reportShortage(body) {
  const answer = await fetch(`${APP}/api/orders/${ORDER}/shortages`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from('warehouse:warehouse').toString('base64'), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await answer.text();
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`shortage report answered ${answer.status}: ${text}`);
  return { ...JSON.parse(text), httpStatus: answer.status };
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
      const view = await caseView(mugs);
      if (view.status !== 'WAITING_FOR_STOCK' || view.shortage?.waitStatus !== 'WAITING') return null;
      if (view.shortage.handling !== 'WAIT_FOR_STOCK') throw new Error(`handling ${view.shortage.handling}`);
      return `next arrival ${view.shortage.nextArrivalDate}`;
    }));
  if (waiting) {
    await checks.run('out-of-stock: the arrival wakes the backorder, which ships once (SHIPPED)', async () => {
      const arrival = await api('POST', '/api/stock/arrivals', 'warehouse',
        { sku: 'SKU-OOS-SOON', quantity: 2, warehouseId: 'WH-HZ-01', arrivalId: `e2e-arrival-${RUN}` });
      if (!arrival.woken.some((w) => w.caseId === mugs)) throw new Error(`arrival woke ${JSON.stringify(arrival.woken)}`);
      const view = await caseReaches(mugs, 'SHIPPED');
      return `arrival ${arrival.arrivalId}, outbound order ${view.shortage.outboundOrderId}, waited ${view.shortage.waitedMinutes} min`;
    });
  }
}

// ------------------------------------------------------------- rice cooker: agent, cancel, refund
const cooker = await checks.run('out-of-stock: the rice cooker is reported short (arrival in 10 days)', async () =>
  (await reportShortage({ sku: 'SKU-OOS-LATE', quantity: 1 })).caseId);

if (cooker) {
  const task = await checks.run('out-of-stock: the customer-contact task is in customer service\'s list (GET /api/tasks)', async () => {
    const open = await openTask(cooker, CONTACT);
    if (!(open.candidateGroups ?? []).includes('customer-service')) throw new Error(`unexpected task ${JSON.stringify(open)}`);
    return open;
  });
  if (task) {
    await checks.run('out-of-stock: an agent records the customer\'s CANCEL (assignment, completion)', async () =>
      `task ${await assignAndComplete(task, 'agent', {
        customerAnswer: 'CANCEL', contactNotes: 'Does not want to wait 10 days (e2e agent).',
      })}`);
    await checks.run('out-of-stock: the line is cancelled and 459.00 refunded exactly once (CANCELLED)', async () => {
      const view = await caseReaches(cooker, 'CANCELLED');
      if (!view.shortage?.cancellationId) throw new Error('no cancellation on the case');
      return `cancellation ${view.shortage.cancellationId}; ${await refundedOnce(cooker, '459.00')}`;
    });
  }
}

checks.end();
