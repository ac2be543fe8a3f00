import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 12 story 3 (bulk import of letters and e-mails). Owned by the responses module. An import is
// staged first (its rows, each with its errors, shown as a preview), then committed as a whole by a
// background job; the responses it makes carry `import <external reference>` as their idempotency
// key, so a re-run adds nothing twice.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('response_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    // Who staged it (id, e-mail, name, roles): the commit job writes the responses and audit events as them.
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('csv', 'zip', 'mail')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('staged', 'committing', 'committed', 'failed')`),
    )
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicate_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('committed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('response_imports_consultation_idx')
    .on('response_imports')
    .columns(['consultation_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('response_import_rows')
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('response_imports.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('external_ref', 'text', (c) => c.notNull())
    .addColumn('input', 'jsonb', (c) => c.notNull())
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('duplicate', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('response_import_rows_pkey', ['import_id', 'row_no'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('response_import_rows').execute();
  await db.schema.dropTable('response_imports').execute();
}
