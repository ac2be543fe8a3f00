import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountLink, ReportModel } from '../../server/modules/reports/report.model.ts';
import { inboxQueryOf } from '../../server/modules/reports/notat/notat.rules.ts';
import { call, createTestApp, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { generated, reportHearing, type ReportHearing } from '../helpers/report.ts';

// Issue 14 story 6: every number in a generated høringsnotat links to the inbox view that produced
// it, and recounting that view through the inbox API gives the same number.

let t: TestApp;
let cast: Cast;
let h: ReportHearing;
let model: ReportModel;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://samraad.example' });
  cast = await signInCast(t);
  h = await reportHearing(t, cast);
  const v = await generated(t, cast.analyst, h.c.id);
  expect(v.status).toBe('draft');
  const res = await call(t, cast.analyst, { url: `/api/consultations/${h.c.id}/reports/${v.number}/file?format=json` });
  expect(res.statusCode, res.body).toBe(200);
  model = json<ReportModel>(res);
});
afterAll(async () => t?.close());

/** Every CountLink anywhere in the model, with where it was found. */
function countLinks(x: unknown, path = ''): [string, CountLink][] {
  if (Array.isArray(x)) return x.flatMap((v, i) => countLinks(v, `${path}[${i}]`));
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.n === 'number' && typeof o.href === 'string' && Object.keys(o).length === 2)
      return [[path, o as CountLink]];
    return Object.entries(o).flatMap(([k, v]) => countLinks(v, `${path}.${k}`));
  }
  return [];
}

describe('the report’s numbers', () => {
  it('recount through their inbox views to the same figures', async () => {
    const links = countLinks(model);
    // Total, kinds, stakeholder types, channels and one per theme at least.
    expect(links.length).toBeGreaterThanOrEqual(1 + 1 + 4 + 3 + 3);
    for (const [where, link] of links) {
      expect(link.href.startsWith(`/admin/consultations/${h.c.id}/inbox`), where).toBe(true);
      const q = inboxQueryOf(link.href);
      const res = await call(t, cast.analyst, { url: `/api/consultations/${h.c.id}/inbox/facets?${q.toString()}` });
      expect(res.statusCode, res.body).toBe(200);
      const facets = json<{ total: number; estimated: boolean }>(res);
      expect(facets.estimated, where).toBe(false);
      expect({ where, n: facets.total }).toEqual({ where, n: link.n });
    }
  });

  it('counts what was seeded: six responses, by sender and channel, and the themes with their sub-themes', () => {
    expect(model.input.total.n).toBe(6);
    expect(Object.fromEntries(model.input.byActingAs.map((a) => [a.actingAs, a.count.n]))).toEqual({
      citizen: 2,
      ngo: 1,
      business: 1,
      public_authority: 2,
    });
    expect(Object.fromEntries(model.input.byChannel.map((a) => [a.channel, a.count.n]))).toEqual({
      web: 4,
      letter: 1,
      email: 1,
    });
    const theme = (id: string) => model.themes.find((x) => x.tagId === id)!;
    // "Adgang for alle" counts its sub-theme's response too.
    expect(theme(h.tags.access).count.n).toBe(3);
    expect(theme(h.tags.seniors).count.n).toBe(1);
    expect(theme(h.tags.cost).count.n).toBe(3);
  });
});
