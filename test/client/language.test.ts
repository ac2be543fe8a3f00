import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserLocale, initialLocale, linkLocale } from '../../client/src/i18n/i18n.ts';

/** Issue 10 item 20: the browser's language on a first visit, and a link that carries the language. */
describe('the language of a visit', () => {
  afterEach(() => {
    localStorage.clear();
    vi.resetModules();
    history.replaceState(null, '', '/');
  });

  it("takes the first of the browser's languages that the app has", () => {
    expect(browserLocale(['en-US', 'da'])).toBe('en');
    expect(browserLocale(['de-DE', 'da-DK', 'en'])).toBe('da');
    expect(browserLocale(['EN-gb'])).toBe('en');
    expect(browserLocale(['de', 'fr'])).toBeNull();
    expect(browserLocale([])).toBeNull();
  });

  it('reads ?lang= from a link, and only our languages', () => {
    expect(linkLocale('?lang=en')).toBe('en');
    expect(linkLocale('?q=x&lang=da')).toBe('da');
    expect(linkLocale('?lang=de')).toBeNull();
    expect(linkLocale('')).toBeNull();
  });

  it("honours the browser on a first visit, the remembered choice after, and a link's language above both", () => {
    expect(initialLocale({ search: '', stored: null, languages: ['en-US'] })).toBe('en');
    expect(initialLocale({ search: '', stored: null, languages: ['de'] })).toBe('da');
    expect(initialLocale({ search: '', stored: 'da', languages: ['en-US'] })).toBe('da');
    expect(initialLocale({ search: '?lang=en', stored: 'da', languages: ['da'] })).toBe('en');
  });

  it("makes a link's language the remembered choice", () => {
    expect(initialLocale({ search: '?lang=en', stored: null, languages: [] })).toBe('en');
    expect(localStorage.getItem('samraad.locale')).toBe('en');
  });

  it('starts an English browser in English on its first visit', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-GB', 'en']);
    const i18n = await import('../../client/src/i18n/i18n.ts');
    expect(i18n.getLocale()).toBe('en');
    expect(i18n.t('app.skipLink')).toBe('Go to main content');
    vi.restoreAllMocks();
  });

  it('opens a shared ?lang=en link in English, sets <html lang> and leaves the address without it', async () => {
    localStorage.setItem('samraad.locale', 'da');
    history.replaceState(null, '', '/?lang=en#top');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { status: 401 })),
    );
    const i18n = await import('../../client/src/i18n/i18n.ts');
    expect(i18n.getLocale()).toBe('en');
    await import('../../client/src/app/sr-app.ts');
    document.body.innerHTML = '<sr-app></sr-app>';
    expect(document.documentElement.lang).toBe('en');
    expect(location.search).toBe('');
    expect(location.hash).toBe('#top');
    expect(localStorage.getItem('samraad.locale')).toBe('en');
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });
});
