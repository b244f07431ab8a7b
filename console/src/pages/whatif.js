// Process owner: what-if — upload a candidate DMN of a decision and see which past cases would be decided
// otherwise, and the money that would move (POST /api/decisions/{decisionId}/what-if). Nothing is deployed.
import { getJson, post, query, ApiError } from '../lib/api.js';
import { t, label } from '../lib/i18n.js';
import { esc, dateTime, signedMoney, brief, businessDay, daysBefore } from '../lib/format.js';
import { table, showError } from '../lib/ui.js';
import { entries } from '../lib/decisions.js';

const KNOWN = ['return-eligibility', 'return-window', 'return-disposition', 'task-priority', 'exception-handling', 'reason-classification'];

export async function render(page) {
  let decisions = KNOWN.map((id) => ({ id, name: id }));
  try {
    const models = await getJson('/api/models');
    if (models?.decisions?.length) decisions = models.decisions;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
  }
  const now = new Date();
  page.innerHTML = `
    <h1>${esc(t('whatif.title'))}</h1>
    <p class="muted">${esc(t('whatif.intro'))}</p>
    <form id="whatif" class="filters card">
      <label>${esc(t('whatif.decision'))} <select name="decision">${decisions.map((d) => `<option value="${esc(d.id)}" ${d.id === 'return-eligibility' ? 'selected' : ''}>${esc(d.name ?? d.id)} (${esc(d.id)})</option>`).join('')}</select></label>
      <label>${esc(t('whatif.file'))} <input name="dmn" type="file" accept=".dmn,.xml"></label>
      <label>${esc(t('common.from'))} <input name="from" type="date" value="${esc(daysBefore(now, 29))}"></label>
      <label>${esc(t('common.to'))} <input name="to" type="date" value="${esc(businessDay(now))}"></label>
      <button type="submit">${esc(t('whatif.run'))}</button>
    </form>
    <div id="outcome"></div>`;
  const form = page.querySelector('#whatif');
  const outcome = page.querySelector('#outcome');
  form.onsubmit = async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const file = data.get('dmn');
    if (!file || !file.size) {
      outcome.innerHTML = `<p class="error" role="alert">${esc(t('whatif.chooseFile'))}</p>`;
      return;
    }
    outcome.innerHTML = `<p class="muted">${esc(t('common.loading'))}</p>`;
    const body = new FormData();
    body.append('dmn', file, file.name);
    try {
      const result = await post(`/api/decisions/${encodeURIComponent(data.get('decision'))}/what-if` + query({ from: data.get('from'), to: data.get('to') }), body);
      outcome.innerHTML = whatIfResult(result);
    } catch (error) {
      showError(outcome, error);
      if (error instanceof ApiError && error.fields.length) {
        outcome.insertAdjacentHTML('beforeend', `<ul class="error">${error.fields.map((f) => `<li>${esc(f.field)}: ${esc(f.message)}</li>`).join('')}</ul>`);
      }
    }
  };
}

/** An inputs or outputs object as one "name value" line each. */
const lines = (values) => entries(values).map(([k, v]) => `<div class="kv"><span class="muted">${esc(k)}</span> ${esc(brief(v))}</div>`).join('');

export function whatIfResult(result) {
  const impact = result.moneyImpact ?? {};
  const rules = (list) => (list ?? []).map((r) => `${esc(t('decision.row', { row: r.row ?? r.ruleIndex }))}${r.annotation ? ` <span class="muted">${esc(r.annotation)}</span>` : ''}`).join('<br>');
  const summary = `<div class="figures">
    <div class="figure card"><div class="value">${esc(result.replayed ?? 0)}</div><div class="name">${esc(t('whatif.replayed'))}</div></div>
    <div class="figure card"><div class="value" id="changed">${esc(result.changed ?? 0)}</div><div class="name">${esc(t('whatif.changed'))}</div></div>
    <div class="figure card"><div class="value">${esc(result.failed ?? 0)}</div><div class="name">${esc(t('whatif.failed'))}</div></div>
    <div class="figure card"><div class="value">${esc(signedMoney(impact.coupons ?? 0))}</div><div class="name">${esc(t('whatif.couponImpact'))}</div></div>
    <div class="figure card"><div class="value">${esc(signedMoney(impact.refunds ?? 0))}</div><div class="name">${esc(t('whatif.refundImpact'))}</div></div>
  </div>`;
  const cases = result.cases ?? [];
  if (cases.length === 0) return summary + `<p class="muted">${esc(t('whatif.none'))}</p>`;
  return summary + table(['col.case', 'col.channel', 'col.time', 'col.input', 'whatif.old', 'whatif.new', 'whatif.moneyImpact'],
    cases.map((c) => [
      `<a href="#/cases/${encodeURIComponent(c.caseId)}">${esc(c.caseId.slice(0, 8))}</a>`,
      esc(label(c.channel)), esc(dateTime(c.evaluatedAt)),
      lines(c.inputs),
      `${lines(c.oldOutput)}<div class="rule">${rules(c.oldRules)}</div>`,
      c.error ? `<span class="error">${esc(c.error)}</span>` : `<div class="changed">${lines(c.newOutput)}</div><div class="rule">${rules(c.newRules)}</div>`,
      `<div class="kv"><span class="muted">${esc(t('money.refund'))}</span> ${esc(signedMoney(c.moneyImpact?.refunds ?? 0))}</div>
       <div class="kv"><span class="muted">${esc(t('money.coupon'))}</span> ${esc(signedMoney(c.moneyImpact?.coupons ?? 0))}</div>`,
    ]), 'class="whatif-cases"');
}
