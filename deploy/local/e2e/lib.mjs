// Shared by the end-to-end flows: where the stack is, the application's public API (as the channel, the
// warehouse and an agent use it), the agent task API, the sandbox's request journal, polling, and the
// PASS/FAIL lines. No Camunda API is called: everything goes through the application.
const env = process.env;
export const APP = `http://localhost:${env.APP_PORT ?? 8090}`;
export const SANDBOX = `http://localhost:${env.SANDBOX_PORT ?? 8099}`;
export const TIMEOUT_MS = Number(env.E2E_TIMEOUT ?? 120) * 1000; // per wait (a cluster's searches lag seconds)
/** A run-unique suffix: the same stack may see the flows twice (E2E_KEEP_DATA, a real cluster). */
export const RUN = env.E2E_RUN ?? Date.now().toString(36);

/** The application's API with HTTP Basic as one of the local profile's users (password = user name). */
export async function call(method, url, user, body) {
  const answer = await fetch(APP + url, {
    method,
    headers: { Authorization: 'Basic ' + Buffer.from(`${user}:${user}`).toString('base64'), 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await answer.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = { raw: text }; }
  return { status: answer.status, body: json, text };
}

/** As {@link call}, but any answer other than 2xx is an error. */
export async function api(method, url, user, body) {
  const answer = await call(method, url, user, body);
  if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${url} answered ${answer.status}: ${answer.text}`);
  return answer.body;
}

export const caseView = (caseId) => api('GET', `/api/after-sales/cases/${caseId}`, 'agent');

/** Polls until {@code probe} returns something truthy (a probe may throw to fail at once). */
export async function poll(what, probe, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Polls the case view until the case has this status; returns the view. */
export async function caseReaches(caseId, status) {
  let seen;
  try {
    return await poll(`case ${caseId.slice(0, 8)} ${status}`, async () => {
      seen = await caseView(caseId);
      return seen.status === status ? seen : null;
    });
  } catch (e) {
    throw new Error(`${e.message} (last status ${seen?.status})`);
  }
}

// ------------------------------------------------------------------------------ the agent task API

/** The list answer of GET /api/tasks: an array, or a page with its items. */
const itemsOf = (body) => (Array.isArray(body) ? body : body?.items ?? body?.content ?? body?.tasks ?? []);
/** A task's key as the agent task API names it. */
export const keyOf = (task) => String(task.taskKey ?? task.userTaskKey ?? task.key ?? task.taskId ?? task.id);

export async function tasksOfCase(caseId, state = 'CREATED') {
  return itemsOf(await api('GET', `/api/tasks?caseId=${encodeURIComponent(caseId)}&state=${state}`, 'agent'));
}

/** Waits for the case's open task at this BPMN element (the agent's list is eventually consistent). */
export async function openTask(caseId, elementId) {
  return poll(`open task ${elementId} of case ${caseId.slice(0, 8)}`, async () =>
    (await tasksOfCase(caseId)).find((t) => t.elementId === elementId));
}

/** An agent takes the task and completes it with the form's variables, as the console does. */
export async function assignAndComplete(task, assignee, variables) {
  const key = keyOf(task);
  await api('POST', `/api/tasks/${key}/assignment`, 'agent', { assignee });
  await api('POST', `/api/tasks/${key}/completion`, 'agent', { variables });
  return key;
}

export const describeTask = (t) =>
  `task ${keyOf(t)} ${t.elementId}, groups ${(t.candidateGroups ?? []).join(',')}, priority ${t.priority}, due ${t.dueDate}`;

// ------------------------------------------------------------------------------ the sandbox's journal

/** Requests the sandbox received: method, url path and, when given, a JSON path value of the body. */
export async function journal(method, urlPath, jsonPath, value) {
  const pattern = { method, urlPath };
  if (jsonPath) pattern.bodyPatterns = [{ matchesJsonPath: { expression: jsonPath, equalTo: value } }];
  const answer = await fetch(`${SANDBOX}/__admin/requests/find`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(pattern),
  });
  if (!answer.ok) throw new Error(`sandbox /__admin/requests/find answered ${answer.status}`);
  return (await answer.json()).requests.map((r) => JSON.parse(r.body));
}

/** The refund requests the payments sandbox received with this idempotency key. */
export const refundsWithKey = (key) => journal('POST', '/payments/refunds', '$.idempotencyKey', key);

/** Checks that exactly one refund of {@code amount} CNY was requested with the case's refund key. */
export async function refundedOnce(caseId, amount, paymentId) {
  const refunds = await refundsWithKey(`${caseId}:refund`);
  if (refunds.length !== 1) throw new Error(`${refunds.length} refund requests with key ${caseId}:refund`);
  const [refund] = refunds;
  if (Number(refund.amount).toFixed(2) !== amount || refund.currency !== 'CNY' || (paymentId && refund.paymentId !== paymentId)) {
    throw new Error(`refund request ${JSON.stringify(refund)}`);
  }
  return `${Number(refund.amount).toFixed(2)} ${refund.currency} to ${refund.paymentId}, key ${refund.idempotencyKey}, once`;
}

// ------------------------------------------------------------------------------ report

/** Checks counted for the summary: "  PASS name (s)  detail" or "  FAIL name: why". */
export class Checks {
  passed = 0;
  failed = 0;

  async run(name, action) {
    const started = Date.now();
    try {
      const detail = await action();
      this.passed += 1;
      const shown = detail?.elementId ? describeTask(detail) : detail;
      console.log(`  PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${shown ? '  ' + shown : ''}`);
      return detail ?? true;
    } catch (e) {
      this.failed += 1;
      console.log(`  FAIL ${name}: ${e.message}`);
      return undefined;
    }
  }

  /** The last line each flow prints; deploy/local/e2e-test adds it up. */
  end() {
    console.log(`RESULT passed=${this.passed} failed=${this.failed}`);
    process.exitCode = this.failed === 0 ? 0 : 1;
  }
}
