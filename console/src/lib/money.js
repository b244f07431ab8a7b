// The money of a case as the auditor reads it: what was paid, what was deducted, freight, the refund, coupons.
import { t, label } from './i18n.js';
import { esc, money, signedMoney, dateTime } from './format.js';

/** Rows [{key, amount}] of the refund's breakdown and the coupon; empty when no money moved. */
export function moneyRows(caseView) {
  const rows = [];
  const refund = caseView.refund;
  if (refund) {
    rows.push({ key: 'money.paid', amount: refund.linesAmount });
    if (Number(refund.giftDeduction)) rows.push({ key: 'money.gifts', amount: -Number(refund.giftDeduction) });
    if (Number(refund.agentDeduction)) rows.push({ key: 'money.agentDeduction', amount: -Number(refund.agentDeduction) });
    if (Number(refund.freightCredit)) rows.push({ key: 'money.freight', amount: Number(refund.freightCredit) });
    rows.push({ key: 'money.refund', amount: refund.amount, total: true });
  }
  if (caseView.coupon) rows.push({ key: 'money.coupon', amount: caseView.coupon.amount });
  return rows;
}

/** True when the breakdown adds up to the refund (to the cent). */
export function addsUp(caseView) {
  const r = caseView.refund;
  if (!r) return true;
  const cents = (v) => Math.round(Number(v ?? 0) * 100);
  return cents(r.linesAmount) - cents(r.giftDeduction) - cents(r.agentDeduction) + cents(r.freightCredit) === cents(r.amount);
}

/**
 * What became of a payment made after the case stopped waiting for it (an exception order paid after its cancellation,
 * an exchange's difference after its window): refunded to the payment channel, refunded by finance by hand after the
 * provider declined it, or with finance; null when there was none.
 */
export function latePaymentRefund(view) {
  const order = view.orderException ?? {};
  const exchange = view.exchange ?? {};
  const id = order.latePaymentRefundId ?? exchange.lateDifferenceRefundId;
  const declinedAt = order.latePaymentRefundDeclinedAt ?? exchange.lateDifferenceRefundDeclinedAt;
  if (id?.startsWith('manual:')) return t('money.lateRefundByHand', { reference: id.slice('manual:'.length) });
  if (id) return t('money.lateRefunded', { refundId: id });
  if (declinedAt) return t('money.lateRefundWithFinance', { since: dateTime(declinedAt) });
  return null;
}

/** The breakdown as an HTML table (the case page and the agent's task page). */
export function caseMoney(view) {
  const rows = moneyRows(view);
  const late = latePaymentRefund(view);
  const lateRow = late ? `<tr><th>${esc(t('money.latePayment'))}</th><td>${esc(late)}</td></tr>` : '';
  if (rows.length === 0 && !late) return `<p class="muted">${esc(t('money.none'))}</p>`;
  const signed = (r) => (r.key === 'money.paid' || r.total || r.key === 'money.coupon' ? money(r.amount) : signedMoney(r.amount));
  return `<table class="money"><tbody>${rows.map((r) => `<tr class="${r.total ? 'total' : ''}"><th>${esc(t(r.key))}</th><td>${esc(signed(r))}</td></tr>`).join('')}
    ${view.refund ? `<tr><th>${esc(t('money.refundStatus'))}</th><td>${esc(label(view.refund.status))}${view.refund.installmentReversed ? ` · ${esc(t('money.installment'))}` : ''}</td></tr>` : ''}
    ${lateRow}</tbody></table>`;
}

