import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 12 story 4 (exports at any size). Owned by the analysis module. A large export of an inbox
// view runs as a background job; its file is kept in the blob store and downloaded once through a
// link whose token (only its SHA-256 is kept) expires.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbox_exports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'jsonl', 'xlsx')`))
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('da', 'en')`))
    .addColumn('query', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('storage_key', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('inbox_exports_consultation_idx')
    .on('inbox_exports')
    .columns(['consultation_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbox_exports').execute();
}
