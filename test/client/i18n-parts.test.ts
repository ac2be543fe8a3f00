import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { daAdmin } from '../../client/src/i18n/parts/da.admin.ts';
import { daDebate } from '../../client/src/i18n/parts/da.debate.ts';
import { daResponses } from '../../client/src/i18n/parts/da.responses.ts';
import { daShell } from '../../client/src/i18n/parts/da.shell.ts';
import { enAdmin } from '../../client/src/i18n/parts/en.admin.ts';
import { enDebate } from '../../client/src/i18n/parts/en.debate.ts';
import { enResponses } from '../../client/src/i18n/parts/en.responses.ts';
import { enShell } from '../../client/src/i18n/parts/en.shell.ts';

/**
 * The messages are split by area so that the app's first load carries only the shell's; an area's
 * part loads with the first module that imports client/src/i18n/parts/<area>.ts. A module that
 * names a key of an area without importing its part would show the bare key until some other page
 * happened to load it, so every module must import the parts whose keys it names.
 */
const src = path.join(import.meta.dirname, '../../client/src/');
const AREAS = { admin: enAdmin, responses: enResponses, debate: enDebate } as const;
type Area = keyof typeof AREAS;

const owner = new Map<string, Area>();
for (const [area, part] of Object.entries(AREAS) as [Area, object][]) {
  for (const key of Object.keys(part)) owner.set(key, area);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The areas whose keys a module names: as a whole string, or as the prefix of a `${…}` key. */
function areasNamed(code: string): Map<Area, string> {
  const found = new Map<Area, string>();
  for (const [, literal] of code.matchAll(/['"`]([\w.-]+)['"`]/g)) {
    const area = owner.get(literal!);
    if (area && !found.has(area)) found.set(area, literal!);
  }
  for (const [, prefix] of code.matchAll(/`([\w.-]+\.)\$\{/g)) {
    for (const [key, area] of owner) if (key.startsWith(prefix!) && !found.has(area)) found.set(area, `${prefix}…`);
  }
  return found;
}

/** The files a module imports for their effect or their values (not `import type`). */
function staticImports(file: string, code: string): Set<string> {
  const specs = [...code.matchAll(/^import\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return new Set(specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s)));
}

describe('i18n parts', () => {
  it('each module imports the part of every area whose keys it names', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(src).filter((f) => !f.includes(`${path.sep}i18n${path.sep}`))) {
      const code = readFileSync(file, 'utf8');
      const imports = staticImports(file, code);
      for (const [area, example] of areasNamed(code)) {
        if (!imports.has(path.join(src, 'i18n', 'parts', `${area}.ts`)))
          missing.push(`${path.relative(src, file)} names ${example} but does not import i18n/parts/${area}.ts`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds a key a module names, and one named by its prefix', () => {
    expect([...areasNamed("t('resp.title')")]).toEqual([['responses', 'resp.title']]);
    expect([...areasNamed('t(`comments.${x}`)').keys()]).toEqual(['debate']);
    expect([...areasNamed("t('home.title')")]).toEqual([]);
  });

  it('puts each key in one part only, so its text does not depend on which part loaded last', () => {
    const parts = [enShell, enAdmin, enResponses, enDebate].map((p) => Object.keys(p));
    const all = parts.flat();
    expect(all.filter((k, i) => all.indexOf(k) !== i)).toEqual([]);
  });

  it('has the same keys in each Danish part as in its English one', () => {
    const pairs = [
      [daShell, enShell],
      [daAdmin, enAdmin],
      [daResponses, enResponses],
      [daDebate, enDebate],
    ] as const;
    for (const [da, en] of pairs) expect(Object.keys(da).sort()).toEqual(Object.keys(en).sort());
  });
});
