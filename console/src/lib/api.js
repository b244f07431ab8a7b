// The application's API as the console calls it: HTTP Basic with the signed-in user (kept in this tab's
// sessionStorage only), JSON in and out, problem+json errors turned into ApiError with the bad fields.

const STORE = 'aftersales.console.credentials';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    /** [{field, message}] of a 400 problem+json; empty otherwise. */
    this.fields = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

export const session = {
  get user() {
    const stored = sessionStorage.getItem(STORE);
    return stored ? JSON.parse(stored).user : null;
  },
  signIn(user, password) {
    sessionStorage.setItem(STORE, JSON.stringify({ user, token: btoa(unescape(encodeURIComponent(`${user}:${password}`))) }));
  },
  signOut() {
    sessionStorage.removeItem(STORE);
  },
  header() {
    const stored = sessionStorage.getItem(STORE);
    return stored ? { Authorization: `Basic ${JSON.parse(stored).token}` } : {};
  },
};

/** A query string of the non-empty values, or ''. */
export function query(params) {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return pairs.length ? '?' + new URLSearchParams(pairs).toString() : '';
}

async function send(method, path, { body, headers = {}, accept = 'application/json' } = {}) {
  const init = { method, headers: { Accept: accept, ...session.header(), ...headers } };
  if (body instanceof FormData || typeof body === 'string') {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let answer;
  try {
    answer = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { detail: e.message });
  }
  if (!answer.ok) {
    let problem = null;
    try { problem = await answer.json(); } catch { /* not JSON */ }
    throw new ApiError(answer.status, problem);
  }
  return answer;
}

export async function getJson(path) {
  return (await send('GET', path)).json();
}

export async function getText(path, accept) {
  return (await send('GET', path, { accept })).text();
}

export async function post(path, body, headers) {
  const answer = await send('POST', path, { body, headers });
  const text = await answer.text();
  return text ? JSON.parse(text) : null;
}
