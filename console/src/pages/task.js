// Agent: one task — its own Camunda Form rendered with form-js and completed through the agent task API
// (POST /api/tasks/{taskKey}/completion; the server's field problems are shown on the fields), beside the case:
// its facts, the evidence photos, the customer's earlier cases and the timeline.
import { Form } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import { getJson, post, query, session, ApiError } from '../lib/api.js';
import { t, label } from '../lib/i18n.js';
import { esc, dateTime } from '../lib/format.js';
import { table, facts, showError, errorText } from '../lib/ui.js';
import { formErrors } from '../lib/tasks.js';
import { casesTable } from './cases.js';
import { caseMoney } from '../lib/money.js';

export async function render(page, { params: [taskKey], isCurrent }) {
  const task = await getJson(`/api/tasks/${encodeURIComponent(taskKey)}`);
  if (!isCurrent()) return;
  page.innerHTML = `
    <h1>${esc(t('task.title', { name: task.name ?? task.elementId }))}
      <span class="status status-${esc(task.state)}" id="task-state">${esc(label(task.state))}</span></h1>
    <p class="muted">${esc(t('col.priority'))} <b class="priority">${esc(task.priority ?? '–')}</b> ·
      ${esc(t('col.due'))} ${esc(dateTime(task.dueDate))} · ${esc(t('col.groups'))} ${esc((task.candidateGroups ?? []).join(', '))} ·
      ${esc(t('col.assignee'))} <span id="assignee">${esc(task.assignee ?? '–')}</span></p>
    <div class="workspace">
      <section class="card" id="task-form">
        <div id="form"></div>
        <p class="error" id="general" role="alert" hidden></p>
        <p class="ok" id="done" role="status" hidden></p>
        <div class="actions">
          ${task.state === 'CREATED' && !task.assignee ? `<button type="button" id="claim">${esc(t('task.claim'))}</button>` : ''}
          ${task.state === 'CREATED' ? `<button type="button" id="submit" class="primary">${esc(t('task.submit'))}</button>` : ''}
        </div>
      </section>
      <aside id="case-side"></aside>
    </div>`;
  const side = page.querySelector('#case-side');
  if (task.caseId) showCase(side, task.caseId).catch((error) => showError(side, error));

  const holder = page.querySelector('#form');
  if (!task.formId) {
    holder.innerHTML = `<p class="muted">${esc(t('task.noForm'))}</p>`;
    return;
  }
  let schema;
  let form;
  try {
    schema = await getJson(`/api/models/forms/${encodeURIComponent(task.formId)}`);
    form = new Form({ container: holder });
    await form.importSchema(schema, task.variables ?? {});
  } catch (error) {
    showError(holder, error); // the case beside stays readable
    page.querySelector('#submit')?.remove();
    return;
  }

  const claim = page.querySelector('#claim');
  if (claim) {
    claim.onclick = async () => {
      try {
        await post(`/api/tasks/${encodeURIComponent(taskKey)}/assignment`, { assignee: session.user });
        page.querySelector('#assignee').textContent = session.user;
        claim.remove();
      } catch (error) {
        general(page, errorText(error));
      }
    };
  }
  const submit = page.querySelector('#submit');
  if (submit) {
    submit.onclick = async () => {
      general(page, null);
      const { data, errors } = form.submit();
      if (Object.keys(errors).length) return; // form-js shows its own checks on the fields
      submit.disabled = true;
      try {
        await post(`/api/tasks/${encodeURIComponent(taskKey)}/completion`, { variables: data });
        const done = page.querySelector('#done');
        done.hidden = false;
        done.textContent = t('task.completed');
        submit.remove();
        page.querySelector('#claim')?.remove();
        const state = page.querySelector('#task-state');
        state.className = 'status status-COMPLETED';
        state.textContent = label('COMPLETED');
        page.querySelector('#assignee').textContent = task.assignee ?? session.user;
        form.setProperty('readOnly', true);
        if (task.caseId) await showCaseWhenMoved(side, task.caseId);
      } catch (error) {
        submit.disabled = false;
        if (error instanceof ApiError && error.status === 400 && error.fields.length) {
          const mapped = formErrors(error.fields, schema);
          form._setState({ errors: mapped.errors }); // form-js keeps field errors by component id
          general(page, [t('task.refused'), ...mapped.general].join(' '));
        } else {
          general(page, errorText(error));
        }
      }
    };
  }
}

function general(page, text) {
  const line = page.querySelector('#general');
  line.hidden = !text;
  line.textContent = text ?? '';
}

/** The case beside the task: facts, evidence inline, money, the customer's earlier cases, the timeline. */
async function showCase(side, caseId) {
  const base = `/api/after-sales/cases/${encodeURIComponent(caseId)}`;
  const [view, timeline] = await Promise.all([getJson(base), getJson(`${base}/timeline`)]);
  side.dataset.status = view.status;
  side.innerHTML = `
    <section class="card"><h2>${esc(t('task.case'))} <a href="#/cases/${encodeURIComponent(caseId)}">${esc(caseId.slice(0, 8))}</a>
      <span class="status status-${esc(view.status)}" id="case-status">${esc(label(view.status))}</span>
      ${view.urgent ? `<span class="badge urgent">${esc(t('case.urgent'))}</span>` : ''}</h2>
      ${facts([
        ['col.type', esc(label(view.type))], ['col.channel', esc(label(view.channel))], ['col.order', esc(view.orderId)],
        ['col.reason', esc(label(view.reason))], ['col.decision', esc(label(view.decision))], ['case.rule', esc(view.decisionRule ?? '–')],
        ['col.requested', esc(dateTime(view.requestedAt))],
      ])}
      ${table(['col.sku', 'col.quantity', 'col.grade'], (view.lines ?? []).map((l) => [esc(l.sku), esc(l.quantity), esc(label(l.grade))]))}
      ${caseMoney(view)}</section>
    <section class="card"><h2>${esc(t('case.evidence'))}</h2><div class="evidence">${(view.evidence ?? []).map(evidence).join('') || esc(t('common.none'))}</div></section>
    <section class="card" id="earlier"><h2>${esc(t('task.earlier'))}</h2><div></div></section>
    <section class="card"><h2>${esc(t('case.timeline'))}</h2>
      ${table(['col.time', 'col.kind', 'col.what'], timeline.map((e) => [esc(dateTime(e.time)), esc(label(e.kind)), esc(e.summary)]), 'class="timeline"')}</section>`;
  earlierCases(side.querySelector('#earlier div'), view).catch((error) => showError(side.querySelector('#earlier div'), error));
  return view;
}

function evidence(e) {
  if (e.kind === 'VIDEO') return `<video src="${esc(e.url)}" controls preload="metadata"></video>`;
  return `<a href="${esc(e.url)}" target="_blank" rel="noopener"><img src="${esc(e.url)}" alt="${esc(e.url)}" loading="lazy"></a>`;
}

/** Earlier cases of the case's customer (the search finds them by the case: the page never sees the customer id). */
async function earlierCases(container, view) {
  const found = await getJson('/api/after-sales/cases' + query({ customerOfCase: view.caseId, size: 10 }));
  const earlier = (found.items ?? []).filter((c) => c.caseId !== view.caseId);
  container.innerHTML = earlier.length ? casesTable(earlier) : `<p class="muted">${esc(t('task.noEarlier'))}</p>`;
}

/** After a completion: the case again once its status changed (the engine moves it on within seconds). */
async function showCaseWhenMoved(side, caseId) {
  const before = side.dataset.status;
  for (let i = 0; i < 30; i += 1) {
    const view = await getJson(`/api/after-sales/cases/${encodeURIComponent(caseId)}`);
    if (view.status !== before) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await showCase(side, caseId);
}
