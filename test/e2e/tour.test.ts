import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  api,
  expectNoA11yViolations,
  type Lang,
  LANGS,
  open,
  pageErrors,
  PARTICIPANT,
  text,
  useBrowser,
  type Who,
} from './browser.ts';

// Every page in both languages (DESIGN.md's bar: Danish and English, axe-core with no violation).
// Each story's journey walks its pages by keyboard in one language (journeyLangs in browser.ts, half
// the files in Danish, half in English); this tour opens every page of the route table in both, as
// the person it is for, and checks that it speaks that language, names itself, passes axe-core and
// raises no script error. Its ids come from the demo data, which holds an item of every kind.

const NEMID = 'naeste-generation-af-nemid';

type Ids = {
  consultation: string;
  scenario: string;
  item: { kind: string; id: string };
  sample: string;
  campaign: string;
  finding: string;
  round: string;
  tag: string;
};

/** The first element of a list answer: `{ items: [...] }`, `{ tags: [...] }` or an array. */
function first<T = { id: string }>(body: unknown, what: string): T {
  const b = body as { items?: T[]; tags?: T[] } | T[];
  const list = Array.isArray(b) ? b : (b.items ?? b.tags ?? []);
  if (!list[0]) throw new Error(`the demo data holds no ${what}`);
  return list[0];
}

type Visitor = 'visitor' | 'participant' | 'admin';
const WHO: Record<Visitor, Who | null> = { visitor: null, participant: PARTICIPANT, admin: ADMIN };

/** The pages, with who opens them; `{name}` parts are filled from the demo data's ids (fill). */
const TOUR: { who: Visitor; path: string }[] = [
  ...[
    '/',
    `/consultations/${NEMID}`,
    `/consultations/${NEMID}/compare`,
    `/consultations/${NEMID}/respond`,
    `/consultations/${NEMID}/responses`,
    `/consultations/${NEMID}/results`,
    `/consultations/${NEMID}/report`,
    '/scenarios/{scenario}',
    '/login',
    '/register',
    '/forgot-password',
    '/reset-password',
    '/confirm',
    '/responses/edit',
    '/responses/receipt',
    '/invitations/no-comments',
  ].map((path) => ({ who: 'visitor' as const, path })),
  ...['/profile', '/profile/used', `/consultations/${NEMID}/ranking`, '/eid/link'].map((path) => ({
    who: 'participant' as const,
    path,
  })),
  ...[
    '/admin',
    '/admin/consultations/new',
    '/admin/accounts',
    '/admin/audit',
    '/admin/outbox',
    '/admin/parties',
    '/admin/scenarios/{scenario}',
    ...[
      '',
      '/scenarios/new',
      '/questions',
      '/publication',
      '/letters',
      '/imports',
      '/redactions',
      '/parties',
      '/inbox',
      '/inbox/{itemKind}/{itemId}',
      '/codebook',
      '/analysts',
      '/agreement',
      '/agreement/{sample}',
      '/themes',
      '/campaigns',
      '/campaigns/{campaign}',
      '/test-sessions',
      '/findings',
      '/findings/import',
      '/findings/{finding}',
      '/findings/overview/{scenario}',
      '/theme-summaries',
      '/theme-summaries/{tag}',
      '/reviewers',
      '/review-rounds',
      '/review-rounds/{round}/decision',
      '/reports',
    ].map((p) => `/admin/consultations/{consultation}${p}`),
    '/reviews',
    '/reviews/{consultation}/rounds/{round}',
    '/reviews/{consultation}/scorecard',
    '/reviews/{consultation}/scorecard/{scenario}',
  ].map((path) => ({ who: 'admin' as const, path })),
];

/** A tour path with the demo data's ids in place of its `{name}` parts. */
const fill = (path: string, ids: Ids): string =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value =
      name === 'itemKind' ? ids.item.kind : name === 'itemId' ? ids.item.id : (ids[name as keyof Ids] as string);
    if (typeof value !== 'string') throw new Error(`no id for {${name}}`);
    return value;
  });

/** Every path pattern of the client's route table (client/src/app/routes*.ts). */
async function routePatterns(): Promise<string[]> {
  const dir = path.resolve(import.meta.dirname, '../../client/src/app');
  const files = (await readdir(dir)).filter((f) => /^routes(\.[\w-]+)?\.ts$/.test(f));
  const sources = await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
  return [...new Set(sources.flatMap((src) => [...src.matchAll(/\bpath: '([^']+)'/g)].map((m) => m[1]!)))];
}

const b = useBrowser();
let ids: Ids;

beforeAll(async () => {
  const admin = await b.signedIn('da', ADMIN);
  try {
    const get = async (path: string) => {
      const r = await api(admin, 'GET', path);
      expect(r.status, path).toBe(200);
      return r.body;
    };
    const consultation = ((await get(`/api/consultations/${NEMID}`)) as { id: string }).id;
    const base = `/api/consultations/${consultation}`;
    ids = {
      consultation,
      scenario: first(await get(`${base}/scenarios`), 'scenario').id,
      item: first<{ kind: string; id: string }>(await get(`${base}/inbox?limit=1`), 'inbox item'),
      sample: first(await get(`${base}/agreement-samples`), 'agreement sample').id,
      campaign: first(await get(`${base}/campaigns`), 'campaign').id,
      finding: first(await get(`${base}/findings`), 'finding').id,
      round: first(await get(`${base}/review-rounds`), 'review round').id,
      tag: first(await get(`${base}/codebook`), 'codebook tag').id,
    };
  } finally {
    await admin.close();
  }
});

it('the tour names a page for every route of the route table', async () => {
  const patterns = await routePatterns();
  expect(patterns.length).toBeGreaterThan(50);
  const visited = TOUR.map((t) => t.path.replace(/\{\w+\}/g, 'x'));
  const missing = patterns.filter(
    (pattern) => !visited.some((p) => new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`).test(p)),
  );
  expect(missing).toEqual([]);
});

describe.each(LANGS)('every page (%s)', (lang: Lang) => {
  // One signed-in context per visitor, opened at its first page and kept for the rest.
  const opened = new Map<Visitor, { context: BrowserContext; page: Page }>();
  afterAll(async () => {
    for (const { context, page } of opened.values()) {
      expect(pageErrors(page)).toEqual([]);
      await context.close();
    }
  });
  const pageOf = async (who: Visitor): Promise<Page> => {
    let o = opened.get(who);
    if (!o) {
      const w = WHO[who];
      if (w) {
        const context = await b.signedIn(lang, w);
        o = { context, page: context.pages()[0]! };
      } else {
        o = await b.newPage(lang);
      }
      opened.set(who, o);
    }
    return o.page;
  };

  it.each(TOUR)('$path, as $who', async ({ who, path }) => {
    const page = await pageOf(who);
    const url = fill(path, ids);
    await open(page, url);
    expect(await page.getAttribute('html', 'lang'), url).toBe(lang);
    expect(await text(page, 'main h1'), `${url} names itself`).not.toBe('');
    await expectNoA11yViolations(page, `${url} (${lang})`);
    expect(pageErrors(page), `script errors on ${url}`).toEqual([]);
  });
});
