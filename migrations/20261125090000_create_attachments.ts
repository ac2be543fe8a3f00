import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM).

export async function up(db: Kysely<any>): Promise<void> {
  // High-volume: keyed by consultation so it can be partitioned or distributed (Citus) by
  // consultation_id. response_id has no foreign key here: the responses migration adds
  // (consultation_id, response_id) → responses (consultation_id, id) once that table exists.
  // text_search is filled by the extraction job, not generated: a stored generated column would be
  // recomputed on every update (claiming an attachment inside a submission would re-parse its text).
  await db.schema
    .createTable('attachments')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('response_id', 'uuid')
    .addColumn('filename', 'text', (c) => c.notNull().check(sql`length(filename) between 1 and 255`))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().check(sql`size_bytes >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('extraction_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`extraction_status in ('pending', 'done', 'failed', 'skipped')`),
    )
    .addColumn('extracted_text', 'text')
    .addColumn('extraction_error', 'text')
    .addColumn('text_search', sql`tsvector`)
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('source', 'text', (c) =>
      c
        .notNull()
        .defaultTo('upload')
        .check(sql`source in ('upload', 'letter')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('attachments_pkey', ['consultation_id', 'id'])
    .execute();
  await db.schema
    .createIndex('attachments_response_idx')
    .on('attachments')
    .columns(['consultation_id', 'response_id'])
    .execute();
  await sql`create index attachments_text_search_idx on attachments using gin (text_search)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachments').execute();
}
