// Chart.js configurations of the KPI dashboard, built from GET /api/reports/kpis and /kpis/series.
import { t, label } from './i18n.js';

const BLUE = '#1f6feb';
const ORANGE = '#e8590c';
const GREEN = '#2f9e44';
const GREY = '#868e96';
const RED = '#c92a2a';

const base = (title) => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  plugins: { title: { display: true, text: title, font: { size: 14 } }, legend: { position: 'bottom' } },
});

/** Cycle time per day (average, p90) with the goal as a line. */
export function cycleChart(series) {
  const goal = series.cycleGoalHours ?? 24;
  const days = series.days ?? [];
  return {
    type: 'line',
    data: {
      labels: days.map((d) => d.date),
      datasets: [
        { label: t('kpi.series.avg'), data: days.map((d) => d.cycleAverageHours), borderColor: BLUE, backgroundColor: BLUE, spanGaps: true },
        { label: t('kpi.series.p90'), data: days.map((d) => d.cycleP90Hours), borderColor: ORANGE, backgroundColor: ORANGE, spanGaps: true },
        { label: t('kpi.series.goal'), data: days.map(() => goal), borderColor: RED, borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    options: { ...base(t('kpi.chart.cycle', { hours: goal })), scales: { y: { beginAtZero: true } } },
  };
}

/** Auto-decision rate per day, 0–100 %. */
export function autoDecisionChart(series) {
  const days = series.days ?? [];
  return {
    type: 'line',
    data: {
      labels: days.map((d) => d.date),
      datasets: [{
        label: t('kpi.series.rate'), data: days.map((d) => (d.autoDecisionRate == null ? null : d.autoDecisionRate * 100)),
        borderColor: GREEN, backgroundColor: GREEN, spanGaps: true,
      }],
    },
    options: { ...base(t('kpi.chart.auto')), scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } } },
  };
}

/** What became of the returned units: sellable, second-hand, scrapped. */
export function resaleChart(report) {
  const r = report.resale ?? {};
  return {
    type: 'doughnut',
    data: {
      labels: [t('kpi.resale.sellable'), t('kpi.resale.secondHand'), t('kpi.resale.scrapped')],
      datasets: [{ data: [r.sellableUnits ?? 0, r.secondHandUnits ?? 0, r.scrappedUnits ?? 0], backgroundColor: [GREEN, BLUE, GREY] }],
    },
    options: base(t('kpi.chart.resale')),
  };
}

/** The largest groups of returns by sku, channel and reason. */
export function reasonsChart(report) {
  const rows = report.topReturnReasons ?? [];
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => `${r.sku} · ${label(r.channel)} · ${label(r.reason)}`),
      datasets: [{ label: t('kpi.series.cases'), data: rows.map((r) => r.cases), backgroundColor: BLUE }],
    },
    options: { ...base(t('kpi.chart.reasons')), indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
}

/** Escalated tasks per day. */
export function slaChart(series) {
  const days = series.days ?? [];
  return {
    type: 'bar',
    data: { labels: days.map((d) => d.date), datasets: [{ label: t('kpi.series.escalated'), data: days.map((d) => d.escalated ?? 0), backgroundColor: RED }] },
    options: { ...base(t('kpi.chart.sla')), scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
}

/** Picking errors per warehouse, the disputed ones apart. */
export function pickingChart(report) {
  const rows = report.pickingErrors ?? [];
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.warehouseId ?? '–'),
      datasets: [
        { label: t('kpi.series.errors'), data: rows.map((r) => r.errors - (r.disputed ?? 0)), backgroundColor: ORANGE, stack: 'e' },
        { label: t('kpi.series.disputed'), data: rows.map((r) => r.disputed ?? 0), backgroundColor: GREY, stack: 'e' },
      ],
    },
    options: { ...base(t('kpi.chart.picking')), scales: { y: { beginAtZero: true, stacked: true, ticks: { precision: 0 } }, x: { stacked: true } } },
  };
}

/** Exception orders by type: the report's exception figures, else the cases opened by type. */
export function exceptionsChart(report) {
  const byType = exceptionsByType(report);
  const title = byType ? t('kpi.chart.exceptions') : t('kpi.chart.types');
  const counts = byType ?? report.cases?.openedByType ?? {};
  const entries = Object.entries(counts);
  return {
    type: 'bar',
    data: { labels: entries.map(([k]) => label(k)), datasets: [{ label: t('kpi.series.cases'), data: entries.map(([, v]) => v), backgroundColor: BLUE }] },
    options: { ...base(title), scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
}

/** {type: count} of exception orders when the report has them (a map, or a list of {type, count|opened}). */
export function exceptionsByType(report) {
  const figure = report.exceptionOrders ?? report.exceptions;
  if (!figure) return null;
  const byType = figure.byType ?? figure.openedByType ?? figure;
  if (Array.isArray(byType)) return Object.fromEntries(byType.map((r) => [r.type, r.count ?? r.opened ?? r.cases ?? 0]));
  if (typeof byType === 'object') {
    return Object.fromEntries(Object.entries(byType).filter(([, v]) => typeof v === 'number'));
  }
  return null;
}
