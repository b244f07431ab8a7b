import { describe, expect, it, afterEach } from 'vitest';
import { ENUMS, MESSAGES, label, setLanguage, t } from '../src/lib/i18n.js';

describe('labels', () => {
  afterEach(() => setLanguage('zh'));

  it('every label exists in Chinese and in English', () => {
    expect(Object.keys(MESSAGES.zh).sort()).toEqual(Object.keys(MESSAGES.en).sort());
    expect(Object.keys(ENUMS.zh).sort()).toEqual(Object.keys(ENUMS.en).sort());
  });

  it('a Chinese label keeps every placeholder of the English one', () => {
    const placeholders = (text) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(MESSAGES.en)) {
      expect(placeholders(MESSAGES.zh[key]), key).toEqual(placeholders(MESSAGES.en[key]));
    }
  });

  it('Chinese is the default and placeholders are filled', () => {
    expect(t('case.title', { id: 'c-1' })).toBe('工单 c-1');
    setLanguage('en');
    expect(t('case.title', { id: 'c-1' })).toBe('Case c-1');
    expect(t('decision.row', { row: 2 })).toBe('matched row 2');
  });

  it('an enum value is labelled, an unknown one shown as it is', () => {
    expect(label('REFUNDED')).toBe('已退款');
    setLanguage('en');
    expect(label('EVIDENCE_REVIEW')).toBe('Evidence review');
    expect(label('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(label(null)).toBe('–');
  });

  it('an unknown language falls back to Chinese', () => {
    expect(setLanguage('fr')).toBe('zh');
  });
});
