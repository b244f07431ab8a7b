import { describe, expect, it, beforeEach } from 'vitest';
import { addsUp, caseMoney, latePaymentRefund, moneyRows } from '../src/lib/money.js';
import { setLanguage } from '../src/lib/i18n.js';

// The refunded quality return of deploy/local/e2e/return-flow.mjs as the case view shows it
const refunded = {
  refund: { amount: 271.0, status: 'ISSUED', linesAmount: 259.0, giftDeduction: 0.0, agentDeduction: 0.0, freightCredit: 12.0, installmentReversed: false },
  coupon: null,
};

describe('the money of a case', () => {
  beforeEach(() => setLanguage('en'));

  it('paid, what was deducted and credited, and the refund, zero lines left out', () => {
    expect(moneyRows(refunded)).toEqual([
      { key: 'money.paid', amount: 259.0 }, { key: 'money.freight', amount: 12.0 }, { key: 'money.refund', amount: 271.0, total: true },
    ]);
    expect(addsUp(refunded)).toBe(true);
  });

  it('a promotion return\'s gift deduction and an agent\'s deduction are negative; a coupon is shown', () => {
    const rows = moneyRows({ refund: { amount: 150, linesAmount: 199, giftDeduction: 29, agentDeduction: 20, freightCredit: 0 }, coupon: { amount: 10 } });
    expect(rows.map((r) => [r.key, r.amount])).toEqual([
      ['money.paid', 199], ['money.gifts', -29], ['money.agentDeduction', -20], ['money.refund', 150], ['money.coupon', 10],
    ]);
  });

  it('a breakdown that does not add up to the cent is seen', () => {
    expect(addsUp({ refund: { amount: 271.01, linesAmount: 259, freightCredit: 12 } })).toBe(false);
  });

  it('as a table: the total, signed credits and the refund status', () => {
    document.body.innerHTML = caseMoney(refunded);
    const cells = [...document.querySelectorAll('tr')].map((tr) => tr.textContent.replace(/\s+/g, ' ').trim());
    expect(cells).toEqual(['Paid for the lines¥259.00', 'Freight credit+¥12.00', 'Refund¥271.00', 'Refund statusIssued']);
    expect(caseMoney({ refund: null, coupon: null })).toContain('No money moved');
  });

  it('a late payment: refunded to the channel, with finance after a decline, refunded by hand', () => {
    expect(latePaymentRefund({ refund: null })).toBeNull();
    expect(latePaymentRefund({ orderException: { latePaymentRefundId: 'RF-1' } }))
      .toBe('refunded to the payment channel (RF-1)');
    expect(latePaymentRefund({ exchange: { lateDifferenceRefundId: null, lateDifferenceRefundDeclinedAt: '2026-12-08T02:00:00Z' } }))
      .toMatch(/^refund declined by the payment provider on .+; finance refunds it by hand$/);
    expect(latePaymentRefund({ orderException: { latePaymentRefundId: 'manual:BT-77', latePaymentRefundDeclinedAt: '2026-12-08T02:00:00Z' } }))
      .toBe('refund declined by the payment provider; refunded by finance by hand (reference BT-77)');
    document.body.innerHTML = caseMoney({ refund: null, coupon: null, orderException: { latePaymentRefundId: 'manual:BT-77' } });
    expect([...document.querySelectorAll('tr')].map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()))
      .toEqual(['Late paymentrefund declined by the payment provider; refunded by finance by hand (reference BT-77)']);
  });
});
