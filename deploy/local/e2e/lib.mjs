// Shared by the end-to-end scripts: where the stack is, the application's API, Tasklist's v1 API as
// an agent's client uses it, the sandbox admin API, polling, and the step/check report lines.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const APP = `http://localhost:${env.APP_PORT ?? 8090}`;
export const TASKLIST = `http://localhost:${env.TASKLIST_PORT ?? 8082}`;
export const SANDBOX = `http://localhost:${env.SANDBOX_PORT ?? 8099}`;
export const AGENT_LOGIN = env.TASKLIST_AGENT ?? 'demo'; // the Tasklist user the agent works as (demo/demo locally)
export const AGENT_PASSWORD = env.TASKLIST_AGENT_PASSWORD ?? 'demo';
export const TIMEOUT_MS = Number(env.E2E_TIMEOUT ?? 120) * 1000; // per wait: Tasklist imports 5–30 s behind the engine

/**
 * The quality return the e2e scripts open: the DEMO-QUALITY kettle order (259.00, card, no freight
 * insurance) under an order id of its own, DEMO-QUALITY-{channelRequestId}: each unit of an order is
 * claimed once, so a second return of the same kettle order would be refused (docs/security.md).
 */
export function qualityReturn(channelRequestId) {
  return {
    channel: 'DOUYIN', channelRequestId, orderId: `DEMO-QUALITY-${channelRequestId}`, type: 'RETURN',
    reason: 'QUALITY', description: 'arrived with a cracked lid', unopened: false,
    lines: [{ sku: 'SKU-KETTLE-1L5', quantity: 1 }],
    evidence: [{ url: 'https://img.example/cracked-lid.jpg', kind: 'PHOTO' }],
  };
}
/** Its line as the warehouse scans it: the order line's barcode (sandbox/__files/oms/orders/DEMO-QUALITY.json). */
export const KETTLE_RECEIPT_ITEM = { sku: 'SKU-KETTLE-1L5', barcode: '6920000000035', grade: 'DAMAGED' };
/**
 * The refund DESIGN 2 gives for it: the line's 259.00 paid plus the 12.00 return shipping the carrier
 * sandbox reports, which the merchant bears for a quality return without freight insurance.
 */
export const KETTLE_REFUND = '271.00';

/** The application's API with HTTP Basic as one of the local profile's users (password = user name). */
export async function api(method, url, user, body) {
  const answer = await fetch(APP + url, {
    method,
    headers: { Authorization: 'Basic ' + Buffer.from(`${user}:${user}`).toString('base64'), 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${method} ${url} answered ${answer.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Polls until {@code probe} returns something truthy (a probe may throw to fail at once). */
export async function poll(what, probe, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The case's task of this BPMN element in this state, from the case view (which asks Tasklist). */
export async function caseTask(caseId, elementId, state) {
  const view = await api('GET', `/api/after-sales/cases/${caseId}`, 'agent');
  return (view.tasks ?? []).find((t) => t.elementId === elementId && t.state === state);
}

/** Tasklist's v1 API as an agent's client: log in (session cookie + CSRF token), then call. */
export async function tasklistSession(username = AGENT_LOGIN, password = AGENT_PASSWORD) {
  const login = await fetch(`${TASKLIST}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
  if (login.status !== 204) throw new Error(`Tasklist login as ${username} answered ${login.status}`);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = login.headers.get('x-csrf-token');
  return async function call(method, url, body) {
    const answer = await fetch(TASKLIST + url, {
      method,
      headers: { Cookie: cookies, 'X-CSRF-TOKEN': csrf, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`Tasklist ${method} ${url} answered ${answer.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** The refund requests the payments sandbox received with this idempotency key. */
export async function refundsSentWithKey(idempotencyKey) {
  const answer = await fetch(`${SANDBOX}/__admin/requests/find`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      method: 'POST', url: '/payments/refunds',
      bodyPatterns: [{ matchesJsonPath: { expression: '$.idempotencyKey', equalTo: idempotencyKey } }],
    }),
  });
  if (!answer.ok) throw new Error(`sandbox /__admin/requests/find answered ${answer.status}`);
  return (await answer.json()).requests.map((r) => JSON.parse(r.body));
}

/** One line per step: "  name ... ok (s)  detail", or "FAILED" and the error (rethrown). */
export async function step(name, action) {
  const started = Date.now();
  process.stdout.write(`  ${name.padEnd(70)} `);
  try {
    const detail = await action();
    console.log(`ok (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? '  ' + detail : ''}`);
    return detail;
  } catch (e) {
    console.log('FAILED');
    throw e;
  }
}

/** Checks counted for the summary: "  PASS name (s)  detail" or "  FAIL name: why". */
export class Checks {
  passed = 0;
  failed = 0;

  async run(name, action) {
    const started = Date.now();
    try {
      const detail = await action();
      this.passed += 1;
      console.log(`  PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? '  ' + detail : ''}`);
      return detail;
    } catch (e) {
      this.failed += 1;
      console.log(`  FAIL ${name}: ${e.message}`);
      return undefined;
    }
  }
}
