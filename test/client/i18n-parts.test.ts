import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../client/src/app/routes.ts';
import { hasMessage } from '../../client/src/i18n/i18n.ts';
import { loadParts, partsLoaded, type MessagePart } from '../../client/src/i18n/parts.ts';
import { daAdmin } from '../../client/src/i18n/parts/da.admin.ts';
import { daAgreement } from '../../client/src/i18n/parts/da.agreement.ts';
import { daCodebook } from '../../client/src/i18n/parts/da.codebook.ts';
import { daDebate } from '../../client/src/i18n/parts/da.debate.ts';
import { daInbox } from '../../client/src/i18n/parts/da.inbox.ts';
import { daResponses } from '../../client/src/i18n/parts/da.responses.ts';
import { daShell } from '../../client/src/i18n/parts/da.shell.ts';
import { daPrivacy } from '../../client/src/i18n/parts/da.privacy.ts';
import { daThemes } from '../../client/src/i18n/parts/da.themes.ts';
import { daImports } from '../../client/src/i18n/parts/da.imports.ts';
import { enAdmin } from '../../client/src/i18n/parts/en.admin.ts';
import { enAgreement } from '../../client/src/i18n/parts/en.agreement.ts';
import { enCodebook } from '../../client/src/i18n/parts/en.codebook.ts';
import { enDebate } from '../../client/src/i18n/parts/en.debate.ts';
import { enInbox } from '../../client/src/i18n/parts/en.inbox.ts';
import { enResponses } from '../../client/src/i18n/parts/en.responses.ts';
import { enShell } from '../../client/src/i18n/parts/en.shell.ts';
import { enPrivacy } from '../../client/src/i18n/parts/en.privacy.ts';
import { enThemes } from '../../client/src/i18n/parts/en.themes.ts';
import { enCampaigns } from '../../client/src/i18n/parts/en.campaigns.ts';
import { daCampaigns } from '../../client/src/i18n/parts/da.campaigns.ts';
import { enImports } from '../../client/src/i18n/parts/en.imports.ts';
import { daIdentity } from '../../client/src/i18n/parts/da.identity.ts';
import { enIdentity } from '../../client/src/i18n/parts/en.identity.ts';
import { enStakeholder } from '../../client/src/i18n/parts/en.stakeholder.ts';
import { daParties } from '../../client/src/i18n/parts/da.parties.ts';
import { enParties } from '../../client/src/i18n/parts/en.parties.ts';
import { daReviews } from '../../client/src/i18n/parts/da.reviews.ts';
import { enReviews } from '../../client/src/i18n/parts/en.reviews.ts';
import { enFindings } from '../../client/src/i18n/parts/en.findings.ts';
import { daFindings } from '../../client/src/i18n/parts/da.findings.ts';
import { daUsed } from '../../client/src/i18n/parts/da.used.ts';
import { enUsed } from '../../client/src/i18n/parts/en.used.ts';
import { enSummaries } from '../../client/src/i18n/parts/en.summaries.ts';
import { daSummaries } from '../../client/src/i18n/parts/da.summaries.ts';
import { daNotat } from '../../client/src/i18n/parts/da.notat.ts';
import { enNotat } from '../../client/src/i18n/parts/en.notat.ts';

/**
 * The messages are split by area so that the app's first load carries only the shell's. A route
 * names the parts its page needs and the app shell loads them with the page's chunk. A page (or
 * anything it imports) that names a key of a part its route does not name would show the bare key
 * until some other page happened to load that part: these tests walk each route's page and its
 * imports and compare.
 */
const src = path.join(import.meta.dirname, '../../client/src/');
const AREAS: Record<MessagePart, object> = {
  admin: enAdmin,
  responses: enResponses,
  debate: enDebate,
  inbox: enInbox,
  codebook: enCodebook,
  agreement: enAgreement,
  themes: enThemes,
  campaigns: enCampaigns,
  imports: enImports,
  privacy: enPrivacy,
  identity: enIdentity,
  stakeholder: enStakeholder,
  parties: enParties,
  reviews: enReviews,
  findings: enFindings,
  used: enUsed,
  summaries: enSummaries,
  notat: enNotat,
};

const owner = new Map<string, MessagePart>();
for (const [area, part] of Object.entries(AREAS) as [MessagePart, object][]) {
  for (const key of Object.keys(part)) owner.set(key, area);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The areas whose keys a module names: as a whole string, or as the prefix of a `${…}` key. */
function areasNamed(code: string): Map<MessagePart, string> {
  const found = new Map<MessagePart, string>();
  for (const [, literal] of code.matchAll(/['"`]([\w.-]+)['"`]/g)) {
    const area = owner.get(literal!);
    if (area && !found.has(area)) found.set(area, literal!);
  }
  for (const [, prefix] of code.matchAll(/`([\w.-]+\.)\$\{/g)) {
    for (const [key, area] of owner) if (key.startsWith(prefix!) && !found.has(area)) found.set(area, `${prefix}…`);
  }
  return found;
}

/** The files a module imports statically for their values (not `import type`, not `import()`). */
function staticImports(file: string, code: string): string[] {
  const specs = [...code.matchAll(/^import\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.') && s.endsWith('.ts')).map((s) => path.resolve(path.dirname(file), s));
}

/** Every area named by a module or by what it imports, with where (`file names key`). */
function areasReached(entry: string): Map<MessagePart, string> {
  const found = new Map<MessagePart, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || file.includes(`${path.sep}i18n${path.sep}`)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [area, key] of areasNamed(code))
      if (!found.has(area)) found.set(area, `${path.relative(src, file)} names ${key}`);
    for (const dep of staticImports(file, code)) visit(dep);
  };
  visit(entry);
  return found;
}

/** A page's file is named after its tag (house style). */
const pageFiles = new Map(sourceFiles(path.join(src, 'pages')).map((f) => [path.basename(f, '.ts'), f]));

describe('i18n parts', () => {
  it('has every route name the parts whose keys its page and its imports name', () => {
    const missing: string[] = [];
    for (const route of ROUTES) {
      const file = pageFiles.get(route.tag);
      expect(file, route.tag).toBeDefined();
      for (const [area, where] of areasReached(file!))
        if (!route.parts?.includes(area)) missing.push(`route ${route.name} lacks part ${area}: ${where}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps the app shell (with the eager pages) to the shell part', () => {
    expect([...areasReached(path.join(src, 'main.ts'))]).toEqual([]);
    for (const route of ROUTES.filter((r) => !r.load)) expect(route.parts ?? [], route.name).toEqual([]);
  });

  it('names no part a route does not use, so no page waits for messages it never shows', () => {
    for (const route of ROUTES) {
      const reached = areasReached(pageFiles.get(route.tag)!);
      for (const part of route.parts ?? []) expect(reached.has(part), `${route.name} ${part}`).toBe(true);
    }
  });

  it('finds a key a module names, and one named by its prefix', () => {
    expect([...areasNamed("t('resp.title')")]).toEqual([['responses', 'resp.title']]);
    expect([...areasNamed('t(`comments.${x}`)').keys()]).toEqual(['debate']);
    expect([...areasNamed("t('home.title')")]).toEqual([]);
  });

  it('adds a part to the dictionaries when it is loaded', async () => {
    expect(partsLoaded(['admin'])).toBe(false);
    expect(hasMessage('admin.title')).toBe(false);
    await loadParts(['admin']);
    expect(partsLoaded(['admin'])).toBe(true);
    expect(hasMessage('admin.title')).toBe(true);
    expect(partsLoaded(['admin', 'debate'])).toBe(false);
  });

  it('puts each key in one part only, so its text does not depend on which part loaded last', () => {
    const parts = [
      enShell,
      enAdmin,
      enResponses,
      enDebate,
      enInbox,
      enCodebook,
      enAgreement,
      enThemes,
      enImports,
      enPrivacy,
      enCampaigns,
    ].map((p) => Object.keys(p));
    const all = parts.flat();
    expect(all.filter((k, i) => all.indexOf(k) !== i)).toEqual([]);
  });

  it('has the same keys in each Danish part as in its English one', () => {
    const pairs = [
      [daShell, enShell],
      [daAdmin, enAdmin],
      [daResponses, enResponses],
      [daDebate, enDebate],
      [daInbox, enInbox],
      [daCodebook, enCodebook],
      [daAgreement, enAgreement],
      [daThemes, enThemes],
      [daCampaigns, enCampaigns],
      [daImports, enImports],
      [daPrivacy, enPrivacy],
      [daIdentity, enIdentity],
      [daParties, enParties],
      [daReviews, enReviews],
      [daFindings, enFindings],
      [daUsed, enUsed],
      [daSummaries, enSummaries],
      [daNotat, enNotat],
    ] as const;
    for (const [da, en] of pairs) expect(Object.keys(da).sort()).toEqual(Object.keys(en).sort());
  });
});
