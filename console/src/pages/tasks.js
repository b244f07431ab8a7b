// Agent: the open tasks assigned to me and those of my groups that nobody took, by priority and due date
// (GET /api/tasks?state=CREATED). The groups an agent works for are picked here and remembered in the browser.
import { getJson, session } from '../lib/api.js';
import { t, label } from '../lib/i18n.js';
import { esc, dateTime } from '../lib/format.js';
import { table } from '../lib/ui.js';
import { workList, isOverdue, isVip, shortId, tasksPerOrder } from '../lib/tasks.js';

const GROUPS_STORE = 'aftersales.console.groups';

export async function render(page, { isCurrent }) {
  const tasks = await getJson('/api/tasks?state=CREATED');
  if (!isCurrent()) return;
  const known = [...new Set(tasks.flatMap((task) => task.candidateGroups ?? []))].sort();
  const stored = JSON.parse(localStorage.getItem(GROUPS_STORE) ?? 'null');
  const groups = stored ?? known;
  const { mine, groups: ours } = workList(tasks, session.user, groups);
  page.innerHTML = `
    <h1>${esc(t('tasks.title'))}</h1>
    <form id="groups" class="filters card"><span>${esc(t('tasks.group'))}</span>
      ${known.map((g) => `<label class="check"><input type="checkbox" value="${esc(g)}" ${groups.includes(g) ? 'checked' : ''}> ${esc(g)}</label>`).join('')}
    </form>
    <section class="card"><h2>${esc(t('tasks.mine'))} (${mine.length})</h2>${taskTable(mine)}</section>
    <section class="card"><h2>${esc(t('tasks.groups'))} (${ours.length})</h2>${taskTable(ours)}</section>`;
  page.querySelectorAll('#groups input').forEach((box) => {
    box.onchange = () => {
      const chosen = [...page.querySelectorAll('#groups input:checked')].map((b) => b.value);
      localStorage.setItem(GROUPS_STORE, JSON.stringify(chosen));
      render(page, { isCurrent });
    };
  });
}

/**
 * The work list: each task with its case at a glance (the case page one click away, its type, channel and
 * order, VIP and urgent marked), so an agent picks the VIP's exception order first and sees which tasks are
 * of one order.
 */
export function taskTable(tasks) {
  if (tasks.length === 0) return `<p class="muted">${esc(t('tasks.empty'))}</p>`;
  const now = new Date();
  const perOrder = tasksPerOrder(tasks);
  return table(['col.task', 'col.case', 'col.type', 'col.channel', 'col.order', 'col.priority', 'col.due', 'col.created',
    'col.groups', 'col.assignee'], tasks.map((task) => [
    `<a href="#/tasks/${encodeURIComponent(task.taskKey)}" class="task-link" data-element="${esc(task.elementId)}">${esc(task.name ?? task.elementId)}</a>`,
    caseCell(task),
    esc(label(task.caseType)),
    esc(label(task.channel)),
    orderCell(task, perOrder),
    `<span class="priority">${esc(task.priority ?? '–')}</span>`,
    `${esc(dateTime(task.dueDate))}${isOverdue(task, now) ? ` <span class="badge escalated">${esc(t('tasks.overdue'))}</span>` : ''}`,
    esc(dateTime(task.creationTime)),
    esc((task.candidateGroups ?? []).join(', ')),
    esc(task.assignee ?? '–'),
  ]), 'class="tasks"');
}

/** The case's short id, linking to its page, with its marks; a task whose case is not known says so. */
export function caseCell(task) {
  if (!task.caseId) return `<span class="muted">${esc(t('tasks.noCase'))}</span>`;
  const marks = [
    isVip(task) ? `<span class="badge vip" title="${esc(t('tasks.tier'))}">${esc(task.customerTier)}</span>` : '',
    task.urgent ? `<span class="badge urgent">${esc(t('case.urgent'))}</span>` : '',
  ].filter(Boolean).join(' ');
  return `<a href="#/cases/${encodeURIComponent(task.caseId)}" class="case-link" title="${esc(task.caseId)}">${esc(shortId(task.caseId))}</a>${marks ? ` ${marks}` : ''}`;
}

function orderCell(task, perOrder) {
  if (!task.orderId) return '–';
  const count = perOrder.get(task.orderId) ?? 0;
  return `${esc(task.orderId)}${count > 1 ? ` <span class="badge same-order" title="${esc(t('tasks.sameOrder', { count }))}">×${count}</span>` : ''}`;
}
