import { describe, expect, it } from 'vitest';
import { EAGER_ROUTES, loadRoute, matchRoute, ROUTES } from '../../client/src/app/routes.ts';
import { safeNext } from '../../client/src/app/navigation.ts';
import { hasMessage } from '../../client/src/i18n/i18n.ts';

describe('router', () => {
  it('matches each page and its parameters', () => {
    expect(matchRoute('/')?.route.name).toBe('home');
    expect(matchRoute('/consultations/naeste-generation-af-nemid')).toMatchObject({
      route: { name: 'consultation' },
      params: { slug: 'naeste-generation-af-nemid' },
    });
    expect(matchRoute('/scenarios/abc')?.params).toEqual({ scenarioId: 'abc' });
    expect(matchRoute('/admin/consultations/new')?.route.name).toBe('admin-consultation-new');
    expect(matchRoute('/admin/consultations/123')?.params).toEqual({ consultationId: '123' });
    expect(matchRoute('/admin/consultations/123/scenarios/new')?.route.name).toBe('admin-scenario-new');
  });

  it('ignores a trailing slash and decodes parameters', () => {
    expect(matchRoute('/login/')?.route.name).toBe('login');
    expect(matchRoute('/consultations/h%C3%B8ring')?.params).toEqual({ slug: 'høring' });
  });

  it('returns null for unknown paths (the 404 page) and bad encodings', () => {
    expect(matchRoute('/no/such/page')).toBeNull();
    expect(matchRoute('/consultations')).toBeNull();
    expect(matchRoute('/consultations/%E0%A4%A')).toBeNull();
  });

  it('keeps the landing page and the consultation page in the first load, and loads every other page on demand', () => {
    expect(EAGER_ROUTES).toEqual(['home', 'consultation']);
    for (const r of ROUTES) expect(!!r.load, r.name).toBe(!EAGER_ROUTES.includes(r.name));
    expect(ROUTES.filter((r) => !r.load).every((r) => r.access === 'public')).toBe(true);
    expect(ROUTES.filter((r) => r.path.startsWith('/admin')).every((r) => r.access !== 'public')).toBe(true);
  });

  it('ships only the eager pages and the shell messages with the app shell', async () => {
    await import('../../client/src/app/sr-app.ts');
    for (const r of ROUTES) expect(!!customElements.get(r.tag), r.tag).toBe(!r.load);
    for (const tag of ['sr-page-not-found', 'sr-page-forbidden', 'sr-page-load-failed'])
      expect(customElements.get(tag), tag).toBeDefined();
    // One key of each area part: none is loaded before a page that uses it.
    for (const key of ['admin.title', 'resp.title', 'ranking.title']) expect(hasMessage(key), key).toBe(false);
  });

  it("loads each lazy route's page element, and its messages with it", async () => {
    for (const r of ROUTES.filter((r) => r.load)) {
      await loadRoute(r);
      expect(customElements.get(r.tag), r.name).toBeDefined();
    }
    for (const key of ['admin.title', 'resp.title', 'ranking.title']) expect(hasMessage(key), key).toBe(true);
    // Every page module is transformed on first import: tens of seconds on a loaded machine.
  }, 60_000);

  it('follows ?next= only to a path on this site', () => {
    expect(safeNext('/admin/audit')).toBe('/admin/audit');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
