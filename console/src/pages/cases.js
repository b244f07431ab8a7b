// Auditor: find cases (GET /api/after-sales/cases) by order, customer, channel, type, status and period.
import { getJson, query } from '../lib/api.js';
import { t, label, ENUMS } from '../lib/i18n.js';
import { esc, dateTime, money } from '../lib/format.js';
import { table, showError } from '../lib/ui.js';

const TYPES = ['RETURN', 'EXCHANGE', 'WRONG_ITEM', 'MISSING_ITEM', 'OUT_OF_STOCK', 'EXCEPTION_ORDER'];
const STATUSES = ['OPEN', 'UNDER_REVIEW', 'AWAITING_PARCEL', 'RECEIVED', 'WAITING', 'REFUNDED', 'EXCHANGED', 'RESHIPPED',
  'REJECTED', 'CANCELLED', 'CLOSED'];
const CHANNELS = ['TAOBAO', 'TMALL', 'JD', 'DOUYIN', 'PINDUODUO', 'OWN_SITE', 'STORE'];
const FIELDS = ['orderId', 'customerId', 'channel', 'type', 'status', 'from', 'to'];

const options = (values, selected) => [`<option value="">${esc(t('search.any'))}</option>`,
  ...values.map((v) => `<option value="${v}" ${v === selected ? 'selected' : ''}>${esc(label(v))}</option>`)].join('');

export async function render(page, { query: params }) {
  const value = (name) => esc(params.get(name) ?? '');
  page.innerHTML = `
    <h1>${esc(t('search.title'))}</h1>
    <form id="search" class="filters card">
      <label>${esc(t('search.orderId'))} <input name="orderId" value="${value('orderId')}"></label>
      <label>${esc(t('search.customerId'))} <input name="customerId" value="${value('customerId')}"></label>
      <label>${esc(t('search.channel'))} <select name="channel">${options(CHANNELS, params.get('channel'))}</select></label>
      <label>${esc(t('search.type'))} <select name="type">${options(TYPES, params.get('type'))}</select></label>
      <label>${esc(t('search.status'))} <select name="status">${options(STATUSES, params.get('status'))}</select></label>
      <label>${esc(t('common.from'))} <input name="from" type="date" value="${value('from')}"></label>
      <label>${esc(t('common.to'))} <input name="to" type="date" value="${value('to')}"></label>
      <button type="submit">${esc(t('common.search'))}</button>
    </form>
    <div id="results"></div>`;
  page.querySelector('#search').onsubmit = (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    location.hash = '#/cases' + query(Object.fromEntries(FIELDS.map((f) => [f, data.get(f)])));
  };
  const results = page.querySelector('#results');
  const pageNo = Number(params.get('page') ?? 0);
  try {
    const found = await getJson('/api/after-sales/cases' + query({
      ...Object.fromEntries(FIELDS.map((f) => [f, params.get(f)])), page: pageNo, size: 20,
    }));
    results.innerHTML = casesTable(found.items ?? []) + pager(found, params);
  } catch (error) {
    showError(results, error);
  }
}

export function casesTable(items) {
  if (items.length === 0) return `<p class="muted">${esc(t('search.empty'))}</p>`;
  return table(['col.case', 'col.type', 'col.status', 'col.channel', 'col.order', 'col.reason', 'col.decision', 'col.refund', 'col.requested'],
    items.map((c) => [
      `<a href="#/cases/${encodeURIComponent(c.caseId)}" class="case-link">${esc(c.caseId.slice(0, 8))}</a>`,
      esc(label(c.type)), `<span class="status status-${esc(c.status)}">${esc(label(c.status))}</span>`, esc(label(c.channel)),
      esc(c.orderId), esc(label(c.reason)), esc(label(c.decision)), c.refundAmount == null ? '–' : esc(money(c.refundAmount)),
      esc(dateTime(c.requestedAt)),
    ]), 'class="cases"');
}

function pager(found, params) {
  const pages = Math.max(1, Math.ceil((found.total ?? 0) / (found.size || 20)));
  const at = (p) => { const q = new URLSearchParams(params); q.set('page', p); return `#/cases?${q}`; };
  return `<p class="pager">
    ${found.page > 0 ? `<a href="${at(found.page - 1)}">${esc(t('common.previous'))}</a>` : ''}
    ${esc(t('common.page', { page: (found.page ?? 0) + 1, pages, total: found.total ?? 0 }))}
    ${found.page + 1 < pages ? `<a href="${at(found.page + 1)}">${esc(t('common.next'))}</a>` : ''}</p>`;
}

export { TYPES, STATUSES, CHANNELS, ENUMS };
