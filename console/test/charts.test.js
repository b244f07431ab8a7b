import { describe, expect, it, beforeEach } from 'vitest';
import { autoDecisionChart, cycleChart, exceptionsByType, exceptionsChart, pickingChart, reasonsChart, resaleChart } from '../src/lib/charts.js';
import { setLanguage } from '../src/lib/i18n.js';

const series = {
  cycleGoalHours: 24,
  days: [
    { date: '2026-12-04', cycleAverageHours: 20.5, cycleP90Hours: 30, autoDecisionRate: 0.5, escalated: 1 },
    { date: '2026-12-05', cycleAverageHours: null, cycleP90Hours: null, autoDecisionRate: null, escalated: 0 },
  ],
};
// GET /api/reports/kpis as the local stack answered it after deploy/local/e2e-test's flows
const report = {
  cases: { opened: 6, openedByType: { RETURN: 1, EXCHANGE: 1, WRONG_ITEM: 2, MISSING_ITEM: 0, OUT_OF_STOCK: 2 } },
  resale: { receivedUnits: 3, sellableUnits: 2, secondHandUnits: 0, scrappedUnits: 1, rate: 0.667 },
  pickingErrors: [{ warehouseId: 'WH-SH-02', errors: 2, disputed: 1 }],
  topReturnReasons: [{ sku: 'SKU-KETTLE-1L5', channel: 'DOUYIN', reason: 'QUALITY', cases: 1 }],
};

describe('KPI charts', () => {
  beforeEach(() => setLanguage('en'));

  it('cycle time per day with the 24 h goal as a line on every day', () => {
    const chart = cycleChart(series);
    expect(chart.data.labels).toEqual(['2026-12-04', '2026-12-05']);
    expect(chart.data.datasets.map((d) => d.data)).toEqual([[20.5, null], [30, null], [24, 24]]);
    expect(chart.options.plugins.title.text).toBe('Cycle time per day against the 24 h goal');
  });

  it('auto-decision rate in percent, a day without decisions left empty', () => {
    expect(autoDecisionChart(series).data.datasets[0].data).toEqual([50, null]);
  });

  it('resale, reasons by sku and channel, picking errors with the disputed ones apart', () => {
    expect(resaleChart(report).data.datasets[0].data).toEqual([2, 0, 1]);
    expect(reasonsChart(report).data.labels).toEqual(['SKU-KETTLE-1L5 · DOUYIN · Quality problem']);
    expect(pickingChart(report).data.datasets.map((d) => d.data)).toEqual([[1], [1]]);
  });

  it('exception orders by type when the report has them, else the cases by type', () => {
    expect(exceptionsByType(report)).toBeNull();
    expect(exceptionsChart(report).options.plugins.title.text).toBe('Cases opened by type');
    const withExceptions = { ...report, exceptionOrders: { byType: { PAYMENT_FAILED: 3, ADDRESS_INCOMPLETE: 1 } } };
    expect(exceptionsChart(withExceptions).data.datasets[0].data).toEqual([3, 1]);
    expect(exceptionsByType({ exceptionOrders: [{ type: 'PAYMENT_FAILED', count: 2 }] })).toEqual({ PAYMENT_FAILED: 2 });
  });
});
