// Process owner: the KPI dashboard (GET /api/reports/kpis and /api/reports/kpis/series) for a period, as
// figures and charts, and the period's figures as CSV.
import { Chart, registerables } from 'chart.js';
import { getJson, getText, query, ApiError } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { esc, money, percent, hours, businessDay, daysBefore } from '../lib/format.js';
import { cycleChart, autoDecisionChart, resaleChart, reasonsChart, slaChart, pickingChart, exceptionsChart } from '../lib/charts.js';

Chart.register(...registerables);

export async function render(page, { query: params }) {
  const now = new Date();
  const from = params.get('from') ?? daysBefore(now, 13);
  const to = params.get('to') ?? businessDay(now);
  page.innerHTML = `
    <h1>${esc(t('kpi.title'))}</h1>
    <form id="period" class="filters card">
      <span>${esc(t('kpi.period'))}</span>
      <label>${esc(t('common.from'))} <input name="from" type="date" value="${esc(from)}" required></label>
      <label>${esc(t('common.to'))} <input name="to" type="date" value="${esc(to)}" required></label>
      <button type="submit">${esc(t('kpi.apply'))}</button>
      <button type="button" id="csv">${esc(t('kpi.csv'))}</button>
    </form>
    <div id="figures" class="figures"></div>
    <div class="charts">
      ${['cycle', 'auto', 'resale', 'reasons', 'sla', 'picking', 'exceptions'].map((c) => `<div class="chart card"><canvas id="chart-${c}"></canvas></div>`).join('')}
    </div>`;
  page.querySelector('#period').onsubmit = (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    location.hash = '#/kpis' + query({ from: data.get('from'), to: data.get('to') });
  };
  const period = query({ from, to });
  page.querySelector('#csv').onclick = () => downloadCsv(period, from, to);

  const [report, series] = await Promise.all([
    getJson('/api/reports/kpis' + period),
    getJson('/api/reports/kpis/series' + period).catch((error) => {
      if (error instanceof ApiError && error.status === 404) return { days: [], cycleGoalHours: 24 };
      throw error;
    }),
  ]);
  page.querySelector('#figures').innerHTML = figures(report);
  const charts = {
    cycle: cycleChart(series), auto: autoDecisionChart(series), resale: resaleChart(report), reasons: reasonsChart(report),
    sla: slaChart(series), picking: pickingChart(report), exceptions: exceptionsChart(report),
  };
  for (const [name, config] of Object.entries(charts)) {
    new Chart(page.querySelector(`#chart-${name}`), config);
  }
  page.querySelector('.charts').dataset.ready = 'true';
}

export function figures(report) {
  const goal = report.cycleTime?.goalHours ?? 24;
  const figure = (key, value, params) => `<div class="figure card"><div class="value">${esc(value)}</div><div class="name">${esc(t(key, params))}</div></div>`;
  return [
    figure('kpi.opened', report.cases?.opened ?? 0),
    figure('kpi.closed', report.cases?.closed ?? 0),
    figure('kpi.cycleAvg', hours(report.cycleTime?.averageHours)),
    figure('kpi.cycleP90', hours(report.cycleTime?.p90Hours)),
    figure('kpi.withinGoal', percent(report.cycleTime?.withinGoalRate), { hours: goal }),
    figure('kpi.autoRate', percent(report.autoDecision?.rate)),
    figure('kpi.resaleRate', percent(report.resale?.rate)),
    figure('kpi.refunds', `${report.refunds?.count ?? 0} · ${money(report.refunds?.amount ?? 0)}`),
    figure('kpi.coupons', `${report.coupons?.count ?? 0} · ${money(report.coupons?.amount ?? 0)}`),
    figure('kpi.slaBreaches', `${report.slaBreaches?.escalated ?? 0} · ${percent(report.slaBreaches?.rate)}`),
  ].join('');
}

/** The period's daily series as CSV from the server (HTTP Basic, so fetched here and saved as a file). */
async function downloadCsv(period, from, to) {
  const csv = await getText('/api/reports/kpis/series' + period + '&format=csv', 'text/csv');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  link.download = `kpis-${from}-${to}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
}
