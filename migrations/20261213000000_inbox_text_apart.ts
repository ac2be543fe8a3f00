import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite.
// Issue 11, Measure (a ranked top 20 of 50,000 hits ≤ 150 ms): a ranked search, a facet count and a
// filtered listing read rows of analysis_items by the thousand for their keys, filters and text
// vector, and never the item's text; a listing shows 20 excerpts. The text and the excerpt (about
// 860 of a row's 2,000 bytes on a generated million) now sit in a table of their own, one row per
// item, written in the same statement as the item's row: ranking 50,000 hits read 14 % faster in
// pgbench (105 → 90 ms), the rows being smaller (4.5 → 7 a page). The vector stays with the
// filters, so a filtered ranked view still reads one row per hit.
// Existing rows keep the dropped columns' bytes until they are written again (`vacuum full
// analysis_items` gives the space back at once).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analysis_item_texts')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('doc', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('analysis_item_texts_pkey', ['consultation_id', 'kind', 'item_id'])
    .addForeignKeyConstraint(
      'analysis_item_texts_item_fkey',
      ['consultation_id', 'kind', 'item_id'],
      'analysis_items',
      ['consultation_id', 'kind', 'item_id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await sql`insert into analysis_item_texts (consultation_id, kind, item_id, excerpt, doc)
            select consultation_id, kind, item_id, excerpt, doc from analysis_items`.execute(db);
  await sql`alter table analysis_items drop column excerpt, drop column doc`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table analysis_items add column excerpt text not null default '', add column doc text not null default ''`.execute(
    db,
  );
  await sql`update analysis_items i set excerpt = t.excerpt, doc = t.doc
              from analysis_item_texts t
             where t.consultation_id = i.consultation_id and t.kind = i.kind and t.item_id = i.item_id`.execute(db);
  await db.schema.dropTable('analysis_item_texts').execute();
}
