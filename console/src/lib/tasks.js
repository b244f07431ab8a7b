// The agent's work list and a task's form: order, lateness, and the server's field problems on the form.

/** Highest priority first, then the earliest due date (none last), then the oldest. */
export function sortTasks(tasks) {
  const time = (v) => (v ? new Date(v).getTime() : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0)
    || time(a.dueDate) - time(b.dueDate)
    || time(a.creationTime) - time(b.creationTime));
}

export function isOverdue(task, now = new Date()) {
  return task.state === 'CREATED' && Boolean(task.dueDate) && new Date(task.dueDate) < now;
}

/** The open tasks assigned to the user, and the open ones of the user's groups that nobody took, each sorted. */
export function workList(tasks, user, groups) {
  const open = tasks.filter((task) => task.state === 'CREATED');
  const mine = open.filter((task) => task.assignee === user);
  const ours = open.filter((task) => !task.assignee
    && (groups.length === 0 || (task.candidateGroups ?? []).some((g) => groups.includes(g))));
  return { mine: sortTasks(mine), groups: sortTasks(ours) };
}

/** A customer tier worth a mark in the list: any but NORMAL (VIP1–VIP3 today, whatever OMS adds). */
export function isVip(task) {
  return Boolean(task.customerTier) && task.customerTier !== 'NORMAL';
}

/** How many of the listed tasks are about each order: an agent sees that three tasks belong to one order. */
export function tasksPerOrder(tasks) {
  const counts = new Map();
  for (const task of tasks) {
    if (task.orderId) counts.set(task.orderId, (counts.get(task.orderId) ?? 0) + 1);
  }
  return counts;
}

/** The case's id as the lists show it: its first 8 characters (the case page shows it whole). */
export function shortId(caseId) {
  return caseId ? String(caseId).slice(0, 8) : '';
}

/** Every field component of a form schema (groups and other containers walked), by key. */
export function fieldsByKey(schema) {
  const found = new Map();
  const walk = (components) => {
    for (const c of components ?? []) {
      if (c.key) found.set(c.key, c);
      walk(c.components);
    }
  };
  walk(schema?.components);
  return found;
}

/**
 * The server's problems (field {@code variables.<key>}) as form-js errors by component id; the problems of
 * no field of the form come back as {@code general}.
 */
export function formErrors(problems, schema) {
  const fields = fieldsByKey(schema);
  const errors = {};
  const general = [];
  for (const p of problems ?? []) {
    const key = String(p.field ?? '').replace(/^variables\./, '').split(/[.[]/)[0];
    const component = fields.get(key);
    if (component) (errors[component.id] ??= []).push(p.message);
    else general.push(p.field ? `${p.field}: ${p.message}` : p.message);
  }
  return { errors, general };
}
