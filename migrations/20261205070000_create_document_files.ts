import { type Kysely, sql } from 'kysely';

/**
 * Files an admin uploads as a consultation's documents (issue 10 item 14): kept in the blob store,
 * served to everyone who can read the consultation, never swept as orphans (unlike attachments).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_files')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('filename', 'text', (c) => c.notNull().check(sql`char_length(filename) between 1 and 200`))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().check(sql`size_bytes >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('document_files_pkey', ['consultation_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_files').execute();
}
