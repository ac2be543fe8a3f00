/**
 * Issue 15 item 10: every query on a distributed table filters by consultation_id, so that, with the
 * schema distributed by Citus as the README's ```sql citus block says, each query goes to one
 * consultation's shard instead of to all of them.
 *
 * Reads the statements the integration suite sent to PostgreSQL (QUERY_LOG_DIR, written by
 * test/helpers/app.ts), finds those that read or write a table the README distributes, and reports
 * each that does not name consultation_id. A statement that names it may still not filter by it (a
 * textual check, not the planner's); the exceptions below are the deliberate sweeps over every
 * consultation, each with its reason.
 *
 *   QUERY_LOG_DIR=/tmp/q TEST_DATABASE_URL=… npx vitest run --project integration
 *   npx tsx scripts/query-check.ts /tmp/q
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Logged = { sql: string; site: string };

/**
 * The statements known not to filter by consultation_id (scripts/query-check.known.json, written by
 * `--update`): the check fails on any other, so the list only shrinks. Each is a statement's shape
 * (parameters and IN lists folded), the file that sent it and why it does not (`why`, written by
 * hand; `--update` keeps it).
 */
const KNOWN_FILE = new URL('./query-check.known.json', import.meta.url);
export const shapeOf = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\(\s*\$\d+(?:\s*,\s*\$\d+)*\s*\)/g, '(…)')
    .replace(/\$\d+/g, '$')
    .trim();

/**
 * Statements that read across consultations on purpose, by the file that sends them and a fragment
 * of their text: under Citus they go to every shard, which these rare admin pages can afford.
 */
const SWEEPS: { site: string; fragment: string; unless?: RegExp; why: string }[] = [
  {
    site: 'server/modules/audit/audit.service.ts',
    fragment: 'from "audit_events"',
    // Its filter by an item too: the admin types an item's id (a response's, an account's, any text)
    // and names no consultation, and an item's events need not sit in one (platform-wide ones do not).
    why: "the admin's audit log lists and searches events across every consultation (and platform-wide ones), by item too",
  },
  {
    site: 'server/modules/mail/mail.service.ts',
    fragment: 'from "mail_outbox"',
    why: "the admin's outbox page lists every mail the platform sent, whatever the consultation",
  },
];

function distributedTables(): Set<string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```sql citus\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return new Set([...block.matchAll(/create_distributed_table\('(\w+)', 'consultation_id'/g)].map((m) => m[1]!));
}

/** The tables a statement reads or writes: after from, join, update, into, and in delete from. */
export function tablesOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(?:from|join|update|into)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi))
    out.add(m[1]!.toLowerCase());
  return [...out];
}

function main(): number {
  const update = process.argv.includes('--update');
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? process.env.QUERY_LOG_DIR;
  if (!dir) {
    process.stderr.write('usage: npx tsx scripts/query-check.ts <QUERY_LOG_DIR> [--update]\n');
    return 2;
  }
  const statements = new Map<string, Set<string>>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')))
    for (const q of JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Logged[]) {
      // The tests' own reads of the database (set-up and checks) are not the app's queries.
      if (q.site.startsWith('test/')) continue;
      statements.set(q.sql, (statements.get(q.sql) ?? new Set()).add(q.site));
    }
  const distributed = distributedTables();
  let onDistributed = 0;
  const problems: { text: string; tables: string[]; sites: string[] }[] = [];
  for (const [text, sites] of statements) {
    const tables = tablesOf(text).filter((t) => distributed.has(t));
    if (tables.length === 0) continue;
    onDistributed++;
    if (/consultation_id/i.test(text)) continue;
    const rest = [...sites].filter(
      (site) => !SWEEPS.some((w) => w.site === site && text.includes(w.fragment) && !w.unless?.test(text)),
    );
    if (rest.length === 0) continue;
    problems.push({ text, tables, sites: rest });
  }
  const listed = JSON.parse(readFileSync(KNOWN_FILE, 'utf8')) as { site: string; shape: string; why?: string }[];
  const known = new Set(listed.map((k) => `${k.site} ${k.shape}`));
  const whyOf = new Map(listed.map((k) => [`${k.site} ${k.shape}`, k.why]));
  const shaped = problems.flatMap((p) => p.sites.map((site) => ({ site, shape: shapeOf(p.text), tables: p.tables })));
  const unique = [...new Map(shaped.map((p) => [`${p.site} ${p.shape}`, p])).values()];
  const fresh = unique.filter((p) => !known.has(`${p.site} ${p.shape}`));
  process.stdout.write(
    `query check: ${statements.size} distinct statements of the app, ${onDistributed} on ${distributed.size} distributed tables; ` +
      `${unique.length} shapes without consultation_id, ${unique.length - fresh.length} of them known (${known.size} listed), ${fresh.length} new\n`,
  );
  if (update) {
    const list = unique
      .map(({ site, shape }) => ({ site, shape, why: whyOf.get(`${site} ${shape}`) }))
      .sort((a, b) => a.site.localeCompare(b.site) || a.shape.localeCompare(b.shape));
    writeFileSync(KNOWN_FILE, `${JSON.stringify(list, null, 2)}\n`);
    process.stdout.write(`wrote ${list.length} known shapes to scripts/query-check.known.json\n`);
    return 0;
  }
  for (const p of fresh)
    process.stdout.write(`\n  NEW ${p.site} on ${p.tables.join(', ')}:\n    ${p.shape.slice(0, 400)}\n`);
  return fresh.length === 0 && onDistributed > 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main());
