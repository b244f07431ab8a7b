// Small pieces every page uses: error lines, tables, sections.
import { ApiError } from './api.js';
import { t } from './i18n.js';
import { esc } from './format.js';

/** The message of an error as the user should read it. */
export function errorText(error) {
  if (!(error instanceof ApiError)) return error.message;
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 404) return t('error.notFound');
  if (error.status === 0 || error.status >= 500) return `${t('error.unavailable')} (${error.message})`;
  return error.message;
}

export function showError(container, error) {
  container.innerHTML = `<p class="error" role="alert">${esc(errorText(error))}</p>`;
}

/** A table: headers are label keys, rows arrays of HTML cells (already escaped). */
export function table(headers, rows, attrs = '') {
  return `<table ${attrs}><thead><tr>${headers.map((h) => `<th>${esc(t(h))}</th>`).join('')}</tr></thead>
    <tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** A definition list of [label key, HTML value] pairs. */
export function facts(pairs) {
  return `<dl class="facts">${pairs.map(([k, v]) => `<dt>${esc(t(k))}</dt><dd>${v}</dd>`).join('')}</dl>`;
}
