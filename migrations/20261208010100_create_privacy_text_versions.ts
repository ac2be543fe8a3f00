import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 12, story 2: "an attachment with unresolved personal data is not published; staff can
// publish a redacted text version of it instead". Owned by the analysis module (analysis/privacy):
// the files whose text, with its accepted redactions cut out, staff have published in their place.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_text_versions')
    .addColumn('attachment_id', 'uuid', (c) => c.primaryKey())
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('published_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_text_versions').execute();
}
