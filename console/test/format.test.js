import { describe, expect, it } from 'vitest';
import { brief, businessDay, dateTime, daysBefore, esc, money, signedMoney } from '../src/lib/format.js';

describe('formats', () => {
  it('business days are days in Asia/Shanghai', () => {
    expect(businessDay('2026-12-04T16:30:00Z')).toBe('2026-12-05');
    expect(businessDay('2026-12-04T15:59:00Z')).toBe('2026-12-04');
    expect(daysBefore('2026-12-05T02:00:00Z', 13)).toBe('2026-11-22');
    expect(dateTime('2026-12-05T09:53:42.586Z')).toBe('2026-12-05 17:53:42');
    expect(dateTime(null)).toBe('–');
  });

  it('money has two decimals and a sign when it is a difference', () => {
    expect(money(271)).toBe('¥271.00');
    expect(signedMoney(-10)).toBe('−¥10.00');
    expect(signedMoney(12.5)).toBe('+¥12.50');
    expect(money(null)).toBe('–');
  });

  it('text from the API is escaped before it is put on the page', () => {
    expect(esc('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(brief({ a: 1 })).toBe('{"a":1}');
  });
});
