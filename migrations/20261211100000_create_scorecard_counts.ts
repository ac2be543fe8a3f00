import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 14, Measure (the scenario scorecard ≤ 300 ms p95 on a million responses): the scorecard's
// heavy aggregates — ballots by ranking and segment, codings by scenario, theme and stance, which
// codings are quoted — kept per consultation, shared by every app instance, recounted in the
// background when older than a few seconds while readers get the last count (with its time). One
// row per consultation and part; holds counts and coding ids only, never quoted text or personal
// data. Owned by the reviews module's scorecard; a few rows per consultation: a reference table.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scorecard_counts')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    // 'ballots', 'themes', 'quotes:staff' or 'quotes:public'.
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('counted_at', 'timestamptz', (c) => c.notNull())
    // Set while one instance recounts the part, so the others keep serving the last count.
    .addColumn('recounting_since', 'timestamptz')
    .addPrimaryKeyConstraint('scorecard_counts_pkey', ['consultation_id', 'part'])
    .execute();
  await sql`comment on table scorecard_counts is 'The scenario scorecard''s aggregates per consultation, recounted in the background'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scorecard_counts').execute();
}
