import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedTestApp, type TestApp } from '../helpers/app.ts';

type ForeignKey = { child: string; name: string; parent: string; columns: string[]; types: string[] };

/** The index a plan reads, from EXPLAIN (FORMAT JSON). */
type PlanNode = { 'Index Name'?: string; Plans?: PlanNode[] };
function indexesOf(plan: { Plan: PlanNode }[]): string[] {
  const out: string[] = [];
  const walk = (n: PlanNode) => {
    if (n['Index Name']) out.push(n['Index Name']);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(plan[0]!.Plan);
  return out;
}

// Every foreign-key check is a query PostgreSQL plans once per connection and keeps. On a new, empty
// table several indexes can cost the same; one that merely starts with the key's columns then reads
// every entry of a consultation on each check (it happened: migration 20261125150000). Guard: on a
// freshly migrated database, each check's generic plan reads an index all of whose columns the check
// binds (the key's own, or one on a column of it), so a check reads one entry.
describe('foreign-key checks on an empty database', () => {
  let t: TestApp;
  let fks: ForeignKey[];
  beforeAll(async () => {
    t = await createIsolatedTestApp();
    const res = await sql<ForeignKey>`
      select c.conrelid::regclass::text as child, c.conname as name, c.confrelid::regclass::text as parent,
             array_agg(a.attname::text order by k.ord) as columns,
             array_agg(format_type(a.atttypid, a.atttypmod) order by k.ord) as types
        from pg_constraint c
        cross join unnest(c.confkey) with ordinality k(att, ord)
        join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.att
       where c.contype = 'f' and c.connamespace = 'public'::regnamespace
       group by c.oid, c.conrelid, c.conname, c.confrelid
       order by 1, 2`.execute(t.handle.db);
    fks = res.rows;
  });
  afterAll(async () => t.close());

  it('finds the schema’s foreign keys', () => {
    expect(fks.map((f) => f.name)).toEqual(expect.arrayContaining(['answers_response_fkey', 'answers_question_fkey']));
  });

  it('plans each check (as PostgreSQL writes it) on an index the key binds entirely', async () => {
    const wrong: string[] = [];
    await t.handle.db.connection().execute(async (conn) => {
      await sql`set plan_cache_mode = force_generic_plan`.execute(conn);
      try {
        for (const [i, fk] of fks.entries()) {
          const where = fk.columns.map((c, j) => `${JSON.stringify(c)} = $${j + 1}`).join(' and ');
          const name = `fk_check_${i}`;
          await sql
            .raw(
              `prepare ${name}(${fk.types.join(', ')}) as select 1 from only ${fk.parent} x where ${where} for key share of x`,
            )
            .execute(conn);
          const args = fk.columns.map(() => 'null').join(', ');
          const plan = await sql
            .raw<{ 'QUERY PLAN': unknown }>(`explain (format json) execute ${name}(${args})`)
            .execute(conn);
          const raw = plan.rows[0]!['QUERY PLAN'];
          const used = indexesOf((typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[]);
          const columns =
            used.length === 1
              ? (
                  await sql<{ name: string }>`
                    select a.attname::text as name from pg_index i
                      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                     where i.indexrelid = ${used[0]}::regclass`.execute(conn)
                ).rows.map((r) => r.name)
              : [];
          if (columns.length === 0 || columns.some((c) => !fk.columns.includes(c))) {
            wrong.push(`${fk.name}: ${used.join(', ') || 'no index'} (${columns.join(', ')})`);
          }
          await sql.raw(`deallocate ${name}`).execute(conn);
        }
      } finally {
        await sql`reset plan_cache_mode`.execute(conn);
      }
    });
    expect(wrong).toEqual([]);
  });
});
