// Dates in the merchant's zone (Asia/Shanghai), money in CNY with two decimals.

const ZONE = 'Asia/Shanghai';

const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** yyyy-MM-dd HH:mm:ss in Asia/Shanghai: one form for both languages, unambiguous. */
export function dateTime(instant) {
  if (!instant) return '–';
  const part = Object.fromEntries(TIME.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** The business day (yyyy-MM-dd) of an instant in Asia/Shanghai. */
export function businessDay(instant) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(instant));
}

/** Business day {@code days} before {@code instant}'s. */
export function daysBefore(instant, days) {
  return businessDay(new Date(new Date(instant).getTime() - days * 86_400_000));
}

export function money(amount) {
  if (amount === null || amount === undefined) return '–';
  return `¥${Number(amount).toFixed(2)}`;
}

/** A signed amount: +¥12.00, −¥10.00. */
export function signedMoney(amount) {
  if (amount === null || amount === undefined) return '–';
  const n = Number(amount);
  return `${n < 0 ? '−' : '+'}¥${Math.abs(n).toFixed(2)}`;
}

export function percent(rate) {
  if (rate === null || rate === undefined) return '–';
  return `${(Number(rate) * 100).toFixed(1)}%`;
}

export function hours(value) {
  if (value === null || value === undefined) return '–';
  return `${Number(value).toFixed(1)} h`;
}

/** Text for an HTML page: &, <, >, " and ' escaped. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A short view of a JSON value for tables: strings as they are, objects as compact JSON. */
export function brief(value) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
