import { describe, expect, it } from 'vitest';
import { matchRoute, ROUTES } from '../../client/src/app/routes.ts';
import { safeNext } from '../../client/src/app/navigation.ts';

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

  it('lazy-loads the admin area and only it', () => {
    for (const r of ROUTES) expect(!!r.load, r.name).toBe(r.path.startsWith('/admin'));
    expect(ROUTES.filter((r) => r.path.startsWith('/admin')).every((r) => r.access !== 'public')).toBe(true);
  });

  it('follows ?next= only to a path on this site', () => {
    expect(safeNext('/admin/audit')).toBe('/admin/audit');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
