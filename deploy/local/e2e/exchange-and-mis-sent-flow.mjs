// An exchange and a mis-sent item, through the application's public API only
// (docs/exchange-and-mis-sent-process.md):
//   - exchange of DEMO-EXCHANGE's shirt (M) for the same shirt in L (in stock, same price): approved on its own,
//     parcel received, one replacement order shipped (EXCHANGED), nothing refunded;
//   - a wrong item (DEMO-WRONG-CHEAP: a 19.90 black case instead of the clear one, with a photo): picking error
//     against the shipping warehouse, the right item reshipped once, the customer keeps the cheap wrong one
//     (RESHIPPED), nothing refunded;
//   - a wrong item reported without a photo (DEMO-WRONG-DEAR: 259.00 headphones instead of a speaker): customer
//     service reviews the claim through the agent task API and confirms it; the right item is reshipped, the
//     dear wrong item comes back on a free label and is restocked on receipt (RESHIPPED), nothing refunded.
//
// Usage: node exchange-and-mis-sent-flow.mjs   Last line: "RESULT passed=N failed=N".
import { Checks, RUN, api, assignAndComplete, caseReaches, journal, openTask, refundsWithKey } from './lib.mjs';

const checks = new Checks();

async function onlyOnce(method, path, caseId, step) {
  const sent = await journal(method, path, '$.idempotencyKey', `${caseId}:${step}`);
  if (sent.length !== 1) throw new Error(`${sent.length} ${method} ${path} with key ${caseId}:${step}`);
  return sent[0];
}

async function noRefund(caseId) {
  const refunds = await refundsWithKey(`${caseId}:refund`);
  if (refunds.length !== 0) throw new Error(`${refunds.length} refund requests for a case that refunds nothing`);
}

// ---------------------------------------------------------------------------------------- exchange
const exchange = await checks.run('exchange: M for L of the same shirt is opened', async () => {
  const opened = await api('POST', '/api/after-sales/requests', 'channel', {
    channel: 'TMALL', channelRequestId: `e2e-exchange-${RUN}`, orderId: 'DEMO-EXCHANGE', type: 'EXCHANGE',
    reason: 'NO_REASON', description: 'too small', unopened: true,
    lines: [{ sku: 'SKU-SHIRT-BLUE-M', quantity: 1, exchangeSku: 'SKU-SHIRT-BLUE-L' }], evidence: [],
  });
  return opened.caseId;
});
if (exchange) {
  const labelled = await checks.run('exchange: approved on its own, return label sent (AWAITING_PARCEL)', async () =>
    `tracking ${(await caseReaches(exchange, 'AWAITING_PARCEL')).trackingNumber}`);
  if (labelled) {
    await checks.run('exchange: parcel received; one replacement order ships from the after-sales warehouse (EXCHANGED)', async () => {
      await api('POST', '/api/warehouse/receipts', 'warehouse',
        { caseId: exchange, items: [{ sku: 'SKU-SHIRT-BLUE-M', barcode: '6920000000110', grade: 'NEW' }] });
      const view = await caseReaches(exchange, 'EXCHANGED');
      const order = await onlyOnce('POST', '/oms/orders', exchange, 'replacement-order');
      await onlyOnce('POST', '/wms/outbound-orders', exchange, 'outbound-order');
      if (!JSON.stringify(order.lines).includes('SKU-SHIRT-BLUE-L')) throw new Error(`replacement order ${JSON.stringify(order)}`);
      await noRefund(exchange);
      return `replacement ${view.exchange?.replacementOrderId}, outbound ${view.exchange?.outboundOrderId}, no refund`;
    });
  }
}

// ---------------------------------------------------------------------------------------- mis-sent item
const wrong = await checks.run('mis-sent: a wrong item (19.90, with a photo) is reported', async () => {
  const opened = await api('POST', '/api/after-sales/requests', 'channel', {
    channel: 'JD', channelRequestId: `e2e-wrong-${RUN}`, orderId: 'DEMO-WRONG-CHEAP', type: 'WRONG_ITEM',
    reason: null, description: 'received a black case instead of the clear one', unopened: false,
    lines: [{ sku: 'SKU-PHONE-CASE-CLEAR', quantity: 1, receivedSku: 'SKU-PHONE-CASE-BLACK' }],
    evidence: [{ url: 'https://img.example/black-case.jpg', kind: 'PHOTO' }],
  });
  return opened.caseId;
});
if (wrong) {
  await checks.run('mis-sent: picking error recorded, right item reshipped once, cheap wrong item kept (RESHIPPED)', async () => {
    const view = await caseReaches(wrong, 'RESHIPPED');
    if (view.reship?.keepWrongItem !== true || view.pickingError?.warehouseId !== 'WH-SH-02') {
      throw new Error(`reship ${JSON.stringify(view.reship)}, picking error ${JSON.stringify(view.pickingError)}`);
    }
    await onlyOnce('POST', '/oms/orders', wrong, 'replacement-order');
    await onlyOnce('POST', '/wms/picking-errors', wrong, 'picking-error');
    await noRefund(wrong);
    return `reship ${view.reship.replacementOrderId}, picking error at ${view.pickingError.warehouseId}, no refund`;
  });
}

// ---------------------------------------------------------------------------------------- mis-sent, reviewed
const dear = await checks.run('mis-sent: a dear wrong item is reported without a photo', async () => {
  const opened = await api('POST', '/api/after-sales/requests', 'channel', {
    channel: 'JD', channelRequestId: `e2e-wrong-dear-${RUN}`, orderId: 'DEMO-WRONG-DEAR', type: 'WRONG_ITEM',
    reason: null, description: 'received headphones instead of the speaker', unopened: false,
    lines: [{ sku: 'SKU-SPEAKER-BT', quantity: 1, receivedSku: 'SKU-HEADPHONES-BT' }], evidence: [],
  });
  return opened.caseId;
});
if (dear) {
  const review = await checks.run('mis-sent: customer service sees the claim to review (GET /api/tasks)', async () => {
    const open = await openTask(dear, 'UserTask_ReviewMisSentClaim');
    if (!(open.candidateGroups ?? []).includes('customer-service')) throw new Error(`unexpected task ${JSON.stringify(open)}`);
    return open;
  });
  const confirmed = review && await checks.run('mis-sent: an agent confirms the claim; reshipped, free return label for the dear item', async () => {
    await assignAndComplete(review, 'agent', { reviewDecision: 'APPROVE', reviewNote: 'Customer described the box (e2e agent).' });
    const view = await caseReaches(dear, 'AWAITING_PARCEL');
    if (view.reship?.keepWrongItem !== false) throw new Error(`reship ${JSON.stringify(view.reship)}`);
    const [label] = await journal('POST', '/carrier/return-labels', '$.idempotencyKey', `${dear}:return-label`);
    if (label?.labelType !== 'FREE') throw new Error(`return label request ${JSON.stringify(label)}`);
    await onlyOnce('POST', '/oms/orders', dear, 'replacement-order');
    return `reship ${view.reship.replacementOrderId}, free label ${view.trackingNumber}`;
  });
  if (confirmed) {
    await checks.run('mis-sent: the wrong item arrives and is restocked once (RESHIPPED), nothing refunded', async () => {
      await api('POST', '/api/warehouse/receipts', 'warehouse',
        { caseId: dear, items: [{ sku: 'SKU-HEADPHONES-BT', barcode: '6920000000999', grade: 'NEW' }] });
      const view = await caseReaches(dear, 'RESHIPPED');
      const restocked = await journal('POST', '/wms/stock-dispositions', '$.sku', 'SKU-HEADPHONES-BT');
      const ofCase = restocked.filter((d) => String(d.idempotencyKey).startsWith(`${dear}:`));
      if (ofCase.length !== 1 || ofCase[0].disposition !== 'SELLABLE') throw new Error(`dispositions ${JSON.stringify(ofCase)}`);
      await noRefund(dear);
      return `SKU-HEADPHONES-BT ${ofCase[0].disposition}, picking error at ${view.pickingError?.warehouseId}`;
    });
  }
}

checks.end();
