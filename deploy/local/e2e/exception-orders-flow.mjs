// Exception orders of the sandbox (docs/exception-orders-process.md), through the application's public API only:
//   - DEMO-EX-COD-LOW (cash on delivery, 118.00): released at once by the rule (RELEASED);
//   - DEMO-EX-BLACKLIST (risk control lists the customer): reported twice, one case; the risk review task is in
//     the risk team's list; an agent cancels; the order is cancelled and 899.00 refunded exactly once (CANCELLED);
//   - DEMO-EX-PAYMENT (payment failed): a pay link is sent; the channel reports the payment; released (RELEASED);
//   - DEMO-EX-CARRIER (2,599.00, carrier out of area): switched to the premium carrier by rule and released;
// each order held once and released or cancelled once, as the sandbox's journal shows.
//
// Usage: node exception-orders-flow.mjs   Last line: "RESULT passed=N failed=N".
import { Checks, RUN, api, assignAndComplete, call, caseReaches, caseView, journal, openTask, poll, refundedOnce } from './lib.mjs';

const REVIEW = 'UserTask_ReviewExceptionOrder';
const checks = new Checks();

/** POST /api/orders/{orderId}/exceptions as the warehouse: 201 for a new case, 200 for an open one. */
async function report(orderId, body) {
  const answer = await call('POST', `/api/orders/${orderId}/exceptions`, 'warehouse', body);
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`exception report answered ${answer.status}: ${answer.text}`);
  return { ...answer.body, httpStatus: answer.status };
}

/** The order was held once with the case's key, and released (or cancelled) once, never the other. */
async function heldThen(orderId, caseId, outcome) {
  const holds = await journal('POST', `/oms/orders/${orderId}/hold`, '$.idempotencyKey', `${caseId}:hold`);
  const releases = await journal('POST', `/oms/orders/${orderId}/release`, '$.idempotencyKey', `${caseId}:release`);
  const cancels = await journal('POST', `/oms/orders/${orderId}/cancellation`, '$.idempotencyKey', `${caseId}:cancellation`);
  const expected = outcome === 'release' ? [1, 0] : [0, 1];
  if (holds.length !== 1 || releases.length !== expected[0] || cancels.length !== expected[1]) {
    throw new Error(`holds ${holds.length}, releases ${releases.length}, cancellations ${cancels.length}`);
  }
  return `held once, ${outcome === 'release' ? 'released' : 'cancelled'} once`;
}

// ------------------------------------------------------------------- cash on delivery within the limit
const cod = await checks.run('exception: cash on delivery of 118.00 is reported', async () =>
  (await report('DEMO-EX-COD-LOW', { type: 'CASH_ON_DELIVERY', details: { note: `e2e ${RUN}` } })).caseId);
if (cod) {
  await checks.run('exception: within the 1,000 CNY limit it is released at once (RELEASED)', async () => {
    const view = await caseReaches(cod, 'RELEASED');
    if (view.orderException?.handling !== 'RELEASE') throw new Error(`handling ${view.orderException?.handling}`);
    return `${view.orderException.handlingRule}; ${await heldThen('DEMO-EX-COD-LOW', cod, 'release')}`;
  });
}

// ------------------------------------------------------------------- blacklisted customer: risk review, cancel
const risky = await checks.run('exception: a blacklisted customer\'s order reported twice is one case', async () => {
  const first = await report('DEMO-EX-BLACKLIST', { type: 'BLACKLISTED_CUSTOMER' });
  const again = await report('DEMO-EX-BLACKLIST', { type: 'BLACKLISTED_CUSTOMER' });
  if (first.httpStatus !== 201 || again.httpStatus !== 200 || again.caseId !== first.caseId) {
    throw new Error(`answers ${first.httpStatus} ${first.caseId} / ${again.httpStatus} ${again.caseId}`);
  }
  return first.caseId;
});
if (risky) {
  const task = await checks.run('exception: the risk review is in the risk team\'s list (GET /api/tasks)', async () => {
    const open = await openTask(risky, REVIEW);
    if (!(open.candidateGroups ?? []).includes('risk-team')) throw new Error(`unexpected task ${JSON.stringify(open)}`);
    return open;
  });
  if (task) {
    await checks.run('exception: an agent cancels the order after the risk review', async () =>
      `task ${await assignAndComplete(task, 'agent', { exceptionDecision: 'CANCEL', reviewNotes: 'fraud pattern (e2e agent)' })}`);
    await checks.run('exception: the order is cancelled and 899.00 refunded exactly once (CANCELLED)', async () => {
      const view = await caseReaches(risky, 'CANCELLED');
      return `${await heldThen('DEMO-EX-BLACKLIST', risky, 'cancel')}; ${await refundedOnce(risky, '899.00')}; risk: ${view.orderException.riskReason}`;
    });
  }
}

// ------------------------------------------------------------------- failed payment: pay link, paid, released
const unpaid = await checks.run('exception: a failed payment is reported and a pay link sent', async () => {
  const { caseId } = await report('DEMO-EX-PAYMENT', { type: 'PAYMENT_FAILED' });
  await poll('the pay link', async () => (await caseView(caseId)).orderException?.payLinkSent);
  const links = await journal('POST', '/notifications', '$.template', 'ORDER_PAY_LINK');
  if (!links.some((n) => n.params?.caseId === caseId && n.params?.payUrl)) throw new Error('no pay link notification');
  return caseId;
});
if (unpaid) {
  await checks.run('exception: the channel reports the payment; the order is released once (RELEASED)', async () => {
    const paid = await poll('the order-paid message taken', async () => {
      const answer = await call('POST', `/api/after-sales/cases/${unpaid}/order-payments`, 'channel', { paymentId: `PAY-LINK-${RUN}` });
      if (answer.status !== 202) throw new Error(`order payment answered ${answer.status}: ${answer.text}`);
      return (await caseView(unpaid)).orderException?.paid;
    });
    await caseReaches(unpaid, 'RELEASED');
    return `${paid ? 'paid' : ''}; ${await heldThen('DEMO-EX-PAYMENT', unpaid, 'release')}`;
  });
}

// ------------------------------------------------------------------- carrier out of area: switched by rule
const carrier = await checks.run('exception: the carrier does not serve the region (2,599.00 camera)', async () =>
  (await report('DEMO-EX-CARRIER', { type: 'CARRIER_OUT_OF_AREA', details: { region: 'XJ', weightGrams: 1800, carrier: 'YTO' } })).caseId);
if (carrier) {
  await checks.run('exception: switched by rule to the premium carrier and released (RELEASED)', async () => {
    const view = await caseReaches(carrier, 'RELEASED');
    if (view.orderException?.chosenCarrier !== 'SF-EXPRESS') throw new Error(`carrier ${view.orderException?.chosenCarrier}`);
    const [release] = await journal('POST', '/oms/orders/DEMO-EX-CARRIER/release', '$.idempotencyKey', `${carrier}:release`);
    if (release?.carrier !== 'SF-EXPRESS') throw new Error(`release ${JSON.stringify(release)}`);
    return `carrier SF-EXPRESS; ${await heldThen('DEMO-EX-CARRIER', carrier, 'release')}`;
  });
}

// ------------------------------------------------------------------- KPI
await checks.run('exception: the KPI report counts exception orders by type', async () => {
  // KPI periods are business days in Asia/Shanghai (BusinessCalendar): from 16:00 UTC on, that is tomorrow's UTC date
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const kpis = await api('GET', `/api/reports/kpis?from=${today}&to=${today}`, 'owner');
  const byType = kpis.exceptionOrders?.byType ?? {};
  for (const type of ['CASH_ON_DELIVERY', 'BLACKLISTED_CUSTOMER', 'PAYMENT_FAILED', 'CARRIER_OUT_OF_AREA']) {
    if (!(byType[type]?.reported > 0)) throw new Error(`no ${type} in ${JSON.stringify(kpis.exceptionOrders)}`);
  }
  return `reported ${kpis.exceptionOrders.reported}, average ${kpis.exceptionOrders.averageResolveHours} h to resolve`;
});

checks.end();
