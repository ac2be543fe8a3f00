import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite.
// Issue 11, Measure (a ranked top 20 of 50,000 hits ≤ 150 ms): a ranked inbox search reads the text
// vector of every hit, to rank it.
// - The vector stays in the item's row. Stored the default way, the vectors of the longer items
//   (about a third of a generated million) were moved out of the row into the TOAST table, and each
//   of those hits cost a TOAST index lookup and a second page: 194,000 pages read for 50,000 hits
//   instead of 50,000. `main` keeps it in the row (compressed if need be) and moves the item's text
//   and excerpt out first; a vector too large for a page still goes out, as a last resort.
// - One text index per language, where there was one over both: every item is searched with the
//   query read in the item's own language, and the index of that language answers that exactly. A
//   word the two languages read differently (`reservation`: Danish `reservation`, English `reserv`)
//   was found through the shared index and then tested again on each hit's vector, row by row.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table analysis_items alter column search set storage main`.execute(db);
  // Existing rows keep a vector stored out of the row until they are written again: write each
  // vector anew (a concatenation makes a new value, which is stored the new way).
  await sql`update analysis_items set search = search || ''::tsvector`.execute(db);
  await sql`drop index analysis_items_search_idx`.execute(db);
  await sql`create index analysis_items_search_da_idx on analysis_items using gin (search) where doc_language = 'danish'`.execute(
    db,
  );
  await sql`create index analysis_items_search_en_idx on analysis_items using gin (search) where doc_language = 'english'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index analysis_items_search_en_idx`.execute(db);
  await sql`drop index analysis_items_search_da_idx`.execute(db);
  await sql`create index analysis_items_search_idx on analysis_items using gin (search)`.execute(db);
  await sql`alter table analysis_items alter column search set storage extended`.execute(db);
}
