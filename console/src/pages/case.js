// Auditor: one case — its facts, lines and money, its path drawn on the BPMN diagrams of its processes, each
// decision as its DMN table with the matched row, the external calls with their idempotency keys, the human
// actions and the whole timeline.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import DmnViewer from 'dmn-js/lib/Viewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import { getJson, getText, ApiError } from '../lib/api.js';
import { t, label } from '../lib/i18n.js';
import { esc, dateTime, brief } from '../lib/format.js';
import { table, facts, showError } from '../lib/ui.js';
import { caseMoney } from '../lib/money.js';
import { markersOf, callTargets, pathFromTimeline, firstShown } from '../lib/path.js';
import { decisionsFromTimeline, requiredDecisions, matchedRowSelector, entries, disagreesWithEngine } from '../lib/decisions.js';

/** GET that answers null on 404 (an endpoint this server does not have yet, or nothing to show). */
async function optional(load) {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

export async function render(page, { params: [caseId], isCurrent }) {
  const base = `/api/after-sales/cases/${encodeURIComponent(caseId)}`;
  const [view, timeline] = await Promise.all([getJson(base), getJson(`${base}/timeline`)]);
  const [decisions, path] = await Promise.all([
    optional(() => getJson(`${base}/decisions`)),
    optional(() => getJson(`${base}/path`)),
  ]);
  if (!isCurrent()) return;
  const caseDecisions = (decisions ?? decisionsFromTimeline(timeline)).filter((d) => d.decisionId);
  const casePath = path ?? pathFromTimeline(view, timeline);

  page.innerHTML = `
    <h1>${esc(t('case.title', { id: view.caseId }))}
      <span class="status status-${esc(view.status)}">${esc(label(view.status))}</span>
      ${view.urgent ? `<span class="badge urgent">${esc(t('case.urgent'))}</span>` : ''}
      ${view.escalated ? `<span class="badge escalated">${esc(t('case.escalated'))}</span>` : ''}</h1>
    <div class="grid3">
      <section class="card" id="facts"><h2>${esc(t('case.facts'))}</h2>${caseFacts(view)}</section>
      <section class="card" id="lines"><h2>${esc(t('case.lines'))}</h2>${caseLines(view)}</section>
      <section class="card" id="money"><h2>${esc(t('case.money'))}</h2>${caseMoney(view)}</section>
    </div>
    <section class="card" id="path"><h2>${esc(t('case.path'))}</h2>
      <div class="tabs" id="path-tabs"></div>
      <p class="legend"><span class="swatch visited"></span>${esc(t('path.legendVisited'))}
        <span class="swatch current"></span>${esc(t('path.legendCurrent'))}</p>
      <div class="diagram" id="diagram"></div></section>
    <section class="card" id="decisions"><h2>${esc(t('case.decisions'))}</h2><div id="decision-list"></div></section>
    <section class="card" id="calls"><h2>${esc(t('case.calls'))}</h2>${externalCalls(timeline)}</section>
    <section class="card" id="humans"><h2>${esc(t('case.humans'))}</h2>${humanActions(timeline)}</section>
    <section class="card" id="timeline"><h2>${esc(t('case.timeline'))}</h2>${timelineTable(timeline)}</section>`;

  // each drawing on its own: a model that cannot be shown leaves the rest of the page readable
  await showPath(page.querySelector('#path'), casePath).catch((error) => showError(page.querySelector('#diagram'), error));
  await showDecisions(page.querySelector('#decision-list'), caseDecisions);
}

export function caseFacts(view) {
  const evidence = (view.evidence ?? []).map((e) => `<a href="${esc(e.url)}" target="_blank" rel="noopener">${esc(label(e.kind))}</a>`).join(', ');
  return facts([
    ['col.type', esc(label(view.type))],
    ['col.channel', esc(label(view.channel))],
    ['col.order', esc(view.orderId)],
    ['col.reason', `${esc(label(view.reason))}${view.reasonSource ? ` <span class="muted">(${esc(t('case.reasonSource'))}: ${esc(label(view.reasonSource))})</span>` : ''}`],
    ['col.decision', esc(label(view.decision))],
    ['case.rule', esc(view.decisionRule ?? '–')],
    ['col.requested', esc(dateTime(view.requestedAt))],
    ['col.closed', esc(dateTime(view.closedAt))],
    ['case.tracking', esc(view.trackingNumber ?? '–')],
    ['case.evidence', evidence || esc(t('common.none'))],
  ]);
}

function caseLines(view) {
  return table(['col.sku', 'col.quantity', 'col.barcode', 'col.grade', 'col.disposition'],
    (view.lines ?? []).map((l) => [esc(l.sku), esc(l.quantity), esc(l.scannedBarcode ?? '–'), esc(label(l.grade)), esc(label(l.disposition))]));
}

function externalCalls(timeline) {
  const calls = timeline.filter((e) => e.kind === 'EXTERNAL_CALL');
  if (calls.length === 0) return `<p class="muted">${esc(t('common.none'))}</p>`;
  return table(['col.time', 'col.system', 'col.call', 'col.key', 'col.result'], calls.map((e) => [
    esc(dateTime(e.time)), esc(e.details?.system ?? '–'), esc(e.details?.call ?? e.summary),
    `<code>${esc(e.details?.idempotencyKey ?? '–')}</code>`,
    `<span class="outcome outcome-${esc(e.details?.outcome ?? '')}">${esc(e.details?.outcome ?? '')}</span> <code class="small">${esc(brief(e.details?.response))}</code>`,
  ]), 'class="calls"');
}

function humanActions(timeline) {
  const actions = timeline.filter((e) => e.kind === 'HUMAN_TASK');
  if (actions.length === 0) return `<p class="muted">${esc(t('common.none'))}</p>`;
  return table(['col.time', 'col.actor', 'col.task', 'col.what'], actions.map((e) => [
    esc(dateTime(e.details?.completionTime ?? e.time)), esc(e.details?.assignee ?? e.actor), esc(e.details?.task ?? e.elementId),
    `${esc(e.summary)}<br>${entries(e.details?.formData).filter(([, v]) => v !== null).map(([k, v]) => `<code class="small">${esc(k)}=${esc(brief(v))}</code>`).join(' ')}`,
  ]), 'class="humans"');
}

function timelineTable(timeline) {
  return table(['col.time', 'col.kind', 'col.step', 'col.actor', 'col.what'], timeline.map((e) => [
    esc(dateTime(e.time)), `<span class="kind kind-${esc(e.kind)}">${esc(label(e.kind))}</span>`, `<code class="small">${esc(e.elementId ?? '–')}</code>`,
    esc(e.actor ?? '–'), esc(e.summary),
  ]), 'class="timeline"');
}

// ------------------------------------------------------------------------------------------ the path

async function showPath(section, path) {
  const tabs = section.querySelector('#path-tabs');
  const container = section.querySelector('#diagram');
  const viewer = new NavigatedViewer({ container });
  const processes = path.processes ?? [];
  const open = async (bpmnProcessId) => {
    const process = processes.find((p) => p.bpmnProcessId === bpmnProcessId);
    tabs.querySelectorAll('button').forEach((b) => b.classList.toggle('active', b.dataset.process === bpmnProcessId));
    const xml = await getText(process.model ?? `/api/models/processes/${encodeURIComponent(bpmnProcessId)}`, 'application/xml');
    await viewer.importXML(xml);
    const canvas = viewer.get('canvas');
    const registry = viewer.get('elementRegistry');
    for (const [id, marker] of markersOf(process, path)) {
      if (registry.get(id)) canvas.addMarker(id, marker);
    }
    const targets = callTargets(path, bpmnProcessId);
    const overlays = viewer.get('overlays');
    for (const [elementId, called] of targets) {
      if (!registry.get(elementId)) continue;
      overlays.add(elementId, { position: { top: -26, left: 0 }, html: `<button type="button" class="open-called" data-process="${esc(called)}">${esc(t('path.open'))} ›</button>` });
    }
    container.querySelectorAll('.open-called').forEach((b) => { b.onclick = () => open(b.dataset.process); });
    canvas.zoom('fit-viewport', 'auto');
    container.dataset.process = bpmnProcessId;
    container.dataset.visited = String(canvasMarked(container));
  };
  tabs.innerHTML = processes.map((p) => `<button type="button" data-process="${esc(p.bpmnProcessId)}">${esc(p.name ?? p.bpmnProcessId)}${p.calledBy ? ` <span class="muted">(${esc(t('path.calledBy', { process: p.calledBy.bpmnProcessId }))})</span>` : ''}</button>`).join('');
  tabs.querySelectorAll('button').forEach((b) => { b.onclick = () => open(b.dataset.process); });
  if (processes.length) await open(firstShown(path));
}

const canvasMarked = (container) => container.querySelectorAll('.path-visited, .path-current').length;

// ------------------------------------------------------------------------------------------ decisions

async function showDecisions(list, decisions) {
  if (decisions.length === 0) {
    list.innerHTML = `<p class="muted">${esc(t('common.none'))}</p>`;
    return;
  }
  list.innerHTML = decisions.map((d, i) => `
    <article class="decision" data-decision="${esc(d.decisionId)}">
      <h3>${esc(d.decisionName ?? d.decisionId)} <span class="muted">${esc(d.decisionId)} · ${esc(t('decision.version', { version: d.decisionVersion }))} · ${esc(dateTime(d.time))}</span></h3>
      <p class="matched">${matchedText(d)}</p>
      ${disagreesWithEngine(d) ? `<p class="disagrees">${esc(t('decision.disagrees'))}</p>` : ''}
      <div class="io">
        ${table(['col.input', 'col.value'], entries(d.inputs).map(([k, v]) => [esc(k), esc(brief(v))]), 'class="inputs"')}
        ${table(['col.output', 'col.value'], entries(d.output).map(([k, v]) => [esc(k), esc(brief(v))]), 'class="outputs"')}
      </div>
      ${requiredDecisions(d).map((r) => `<p class="required">${esc(t('decision.requires'))}: <b>${esc(r.decisionName ?? r.decisionId)}</b>
        ${esc(t('decision.version', { version: r.decisionVersion }))} · ${matchedText(r)} → ${esc(brief(r.output))}</p>`).join('')}
      <div class="dmn" id="dmn-${i}"></div>
    </article>`).join('');
  for (const [i, d] of decisions.entries()) {
    const container = list.querySelector(`#dmn-${i}`);
    try {
      await showTable(container, d);
    } catch (error) {
      showError(container, error);
    }
  }
}

function matchedText(d) {
  const rules = d.matchedRules ?? [];
  if (rules.length === 0) return esc(t('decision.noRow'));
  return rules.map((r) => `<span class="rule">${esc(t('decision.row', { row: r.row ?? r.ruleIndex }))}</span> <code class="small">${esc(r.ruleId)}</code>${r.annotation ? ` — ${esc(r.annotation)}` : ''}`).join('; ');
}

async function showTable(container, decision) {
  const xml = await getText(decision.model ?? `/api/models/decisions/${encodeURIComponent(decision.decisionId)}`, 'application/xml');
  const viewer = new DmnViewer({ container });
  await viewer.importXML(xml);
  const view = viewer.getViews().find((v) => v.type === 'decisionTable' && v.element.id === decision.decisionId);
  if (!view) return;
  await viewer.open(view);
  const selector = matchedRowSelector(decision.matchedRules);
  if (selector) container.querySelectorAll(selector).forEach((cell) => cell.classList.add('matched-row'));
}
