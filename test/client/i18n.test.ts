import { afterEach, describe, expect, it } from 'vitest';
import { da } from '../../client/src/i18n/da.ts';
import { en } from '../../client/src/i18n/en.ts';
import { getLocale, hasMessage, loc, onLocaleChange, setLocale, t, tDynamic } from '../../client/src/i18n/i18n.ts';

/** Calls a message with a params object whose every field is a plausible value. */
function sample(message: string | ((p: never) => string), n: number): string {
  if (typeof message === 'string') return message;
  const params = new Proxy(
    {},
    {
      get: (_t, key) =>
        key === 'more'
          ? n > 1
          : typeof key === 'string' && /count|n$|round|position|version|max|shown/.test(key)
            ? n
            : `«${String(key)}»`,
    },
  );
  return message(params as never);
}

describe('i18n dictionaries', () => {
  it('have exactly the same keys in Danish and English', () => {
    expect(Object.keys(da).sort()).toEqual(Object.keys(en).sort());
  });

  it('give each key the same kind of message (text or function) in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(typeof da[key], key).toBe(typeof en[key]);
    }
  });

  it('have no empty or placeholder-leaking message, for 1 and for many', () => {
    for (const dict of [da, en]) {
      for (const [key, message] of Object.entries(dict)) {
        for (const n of [1, 2, 5]) {
          const text = sample(message as never, n);
          expect(text.trim(), key).not.toBe('');
          expect(text, key).not.toMatch(/undefined|\[object Object\]|\$\{/);
        }
      }
    }
  });

  it('uses every parameter a function message is given', () => {
    for (const dict of [da, en]) {
      for (const [key, message] of Object.entries(dict)) {
        if (typeof message !== 'function') continue;
        const used = new Set<string>();
        const params = new Proxy({}, { get: (_t, k) => (used.add(String(k)), k === 'count' || k === 'n' ? 2 : 'x') });
        (message as (p: unknown) => string)(params);
        expect(used.size, key).toBeGreaterThan(0);
      }
    }
  });

  it('has Danish plurals that agree with the count', () => {
    expect(da['consultation.scenarioCount']({ count: 1 })).toBe('1 scenarie');
    expect(da['consultation.scenarioCount']({ count: 4 })).toBe('4 scenarier');
    expect(en['errors.summaryHeading']({ count: 1 })).toBe('There is a problem');
    expect(en['errors.summaryHeading']({ count: 3 })).toBe('There are 3 problems');
  });

  it('names the other language in that language, with its code, for the language switch', () => {
    expect(da['lang.switchLabel']).toBe('English');
    expect(da['lang.switchCode']).toBe('en');
    expect(en['lang.switchLabel']).toBe('Dansk');
    expect(en['lang.switchCode']).toBe('da');
  });
});

describe('t() and setLocale()', () => {
  afterEach(() => setLocale('da'));

  it('translates in the current locale and sets <html lang>', () => {
    setLocale('da');
    expect(t('home.title')).toBe('Høringer');
    expect(document.documentElement.lang).toBe('da');
    setLocale('en');
    expect(t('home.title')).toBe('Consultations');
    expect(t('consultation.closesIn', { relative: 'in 3 weeks' })).toBe('Closes in 3 weeks');
    expect(document.documentElement.lang).toBe('en');
    expect(getLocale()).toBe('en');
  });

  it('remembers the choice in localStorage and tells subscribers', () => {
    const seen: string[] = [];
    const off = onLocaleChange((l) => seen.push(l));
    setLocale('en');
    off();
    setLocale('da');
    expect(seen).toEqual(['en']);
    setLocale('en');
    expect(localStorage.getItem('samraad.locale')).toBe('en');
  });

  it('translates run-time keys with a fallback, and picks localized text', () => {
    setLocale('en');
    expect(tDynamic('errors.code.STALE_VERSION', 'x')).toMatch(/Someone else/);
    expect(tDynamic('errors.code.NO_SUCH_CODE', 'fallback')).toBe('fallback');
    expect(hasMessage('home.title')).toBe(true);
    expect(hasMessage('toString')).toBe(false);
    expect(loc({ da: 'Dansk tekst', en: 'English text' })).toBe('English text');
    expect(loc({ da: 'Kun dansk', en: '' })).toBe('Kun dansk');
  });
});
