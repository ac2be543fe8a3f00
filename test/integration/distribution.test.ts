import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

// Issue 15 item 10: "The README gives the exact DDL to distribute the high-volume tables with Citus by
// consultation_id (reference tables for the small ones), and a test checks, from the live schema,
// that every high-volume table's primary and unique keys include consultation_id."
// The README's Citus block is the one list: every table of the live schema must be in it, and what
// it says about each table must hold for the migrated schema.

type Kind = 'distributed' | 'reference' | 'local';

async function citusBlock(): Promise<{ table: string; kind: Kind; line: number }[]> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /```sql citus\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no ```sql citus block');
  const out: { table: string; kind: Kind; line: number }[] = [];
  block.split('\n').forEach((l, line) => {
    const d = /create_distributed_table\('(\w+)', 'consultation_id'/.exec(l);
    const r = /create_reference_table\('(\w+)'\)/.exec(l);
    const c = /citus_add_local_table_to_metadata\('(\w+)'\)/.exec(l);
    if (d) out.push({ table: d[1]!, kind: 'distributed', line });
    else if (r) out.push({ table: r[1]!, kind: 'reference', line });
    else if (c) out.push({ table: c[1]!, kind: 'local', line });
  });
  return out;
}

describe('the schema can be distributed by consultation (Citus)', () => {
  let t: TestApp;
  let tables: string[];
  let keys: { table: string; name: string; columns: string[] }[];
  let fks: { table: string; ref: string; columns: string[]; refColumns: string[] }[];
  let plan: Awaited<ReturnType<typeof citusBlock>>;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.handle.db;
    tables = (
      await sql<{ name: string }>`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname not like 'kysely_migration%'
        order by 1`.execute(db)
    ).rows.map((r) => r.name);
    // Every unique index (primary keys and unique constraints included), with its columns.
    keys = (
      await sql<{ table: string; name: string; columns: string[] }>`
        select t.relname as table, i.relname as name,
          array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, n)
                join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.n) as columns
        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
        join pg_namespace ns on ns.oid = t.relnamespace
        where ns.nspname = 'public' and x.indisunique`.execute(db)
    ).rows;
    fks = (
      await sql<{ table: string; ref: string; columns: string[]; refColumns: string[] }>`
        select c.conrelid::regclass::text as table, c.confrelid::regclass::text as ref,
          array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, n)
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n) as columns,
          array(select a.attname::text from unnest(c.confkey) with ordinality k(attnum, n)
                join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.n) as "refColumns"
        from pg_constraint c join pg_namespace ns on ns.oid = c.connamespace
        where ns.nspname = 'public' and c.contype = 'f'`.execute(db)
    ).rows;
    plan = await citusBlock();
  });
  afterAll(async () => t.close());

  const kindOf = (table: string) => plan.find((p) => p.table === table)?.kind;

  it('names every table of the schema exactly once in the README', () => {
    const named = plan.map((p) => p.table);
    expect(new Set(named).size).toBe(named.length);
    expect([...named].sort()).toEqual([...tables].sort());
  });

  it('gives every distributed table consultation_id in its primary and every unique key', () => {
    const distributed = plan.filter((p) => p.kind === 'distributed').map((p) => p.table);
    expect(distributed.length).toBeGreaterThanOrEqual(10);
    const missing = keys
      .filter((k) => distributed.includes(k.table) && !k.columns.includes('consultation_id'))
      .map((k) => `${k.table}.${k.name} (${k.columns.join(', ')})`);
    expect(missing).toEqual([]);
    for (const table of distributed)
      expect(
        keys.some((k) => k.table === table && k.name.endsWith('_pkey')),
        `${table} has a primary key`,
      ).toBe(true);
  });

  it('joins distributed tables only on consultation_id, and never points a reference table at one', () => {
    const problems: string[] = [];
    for (const fk of fks) {
      const from = kindOf(fk.table);
      const to = kindOf(fk.ref);
      if (to !== 'distributed') continue;
      if (from !== 'distributed') problems.push(`${fk.table} (${from}) → ${fk.ref} (distributed)`);
      const i = fk.columns.indexOf('consultation_id');
      if (i < 0 || fk.refColumns[i] !== 'consultation_id')
        problems.push(`${fk.table}(${fk.columns.join(', ')}) → ${fk.ref}(${fk.refColumns.join(', ')})`);
    }
    expect(problems).toEqual([]);
  });

  it('creates every table after the tables it refers to', () => {
    const line = new Map(plan.map((p) => [p.table, p.line]));
    const late = fks
      .filter((fk) => fk.table !== fk.ref && line.get(fk.ref)! > line.get(fk.table)!)
      .map((fk) => `${fk.table} before ${fk.ref}`);
    expect(late).toEqual([]);
  });
});
