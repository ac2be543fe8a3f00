import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 13 story 4: stakeholder inputs and the technical dialogue. Meetings and written input that
// staff record outside the hearing (a meeting with a municipality's IT department, a market
// dialogue with possible suppliers), with their parties, scenarios, minutes (Markdown), files and
// visibility. Owned by the stakeholder-inputs module; the files are stored through the files
// module's blob store and checks, their rows (and extracted text) are this module's.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stakeholder_inputs')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('meeting', 'written_input', 'market_dialogue')`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 300`))
    .addColumn('held_on', 'date', (c) => c.notNull())
    // [{ name, kind }], kind one of the organisation kinds or null.
    .addColumn('parties', 'jsonb', (c) =>
      c
        .notNull()
        .defaultTo(sql`'[]'::jsonb`)
        .check(sql`jsonb_typeof(parties) = 'array'`),
    )
    .addColumn('scenario_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visibility', 'text', (c) =>
      c
        .notNull()
        .defaultTo('staff_only')
        .check(sql`visibility in ('staff_only', 'published')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    // Deleted inputs stay (their codings and audit trail point at them); nobody lists them but the inbox.
    .addColumn('deleted_at', 'timestamptz')
    .addPrimaryKeyConstraint('stakeholder_inputs_pkey', ['consultation_id', 'id'])
    .execute();
  // No listing index: a consultation has tens of inputs, which its primary key finds and a sort
  // orders; an index led by (consultation_id, …) would also draw the foreign-key checks of the
  // files' rows away from the primary key (test/integration/schema-plans.test.ts).

  await db.schema
    .createTable('stakeholder_input_files')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('stakeholder_input_id', 'uuid', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().check(sql`size_bytes >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    // A published input's file is public unless staff keep it internal.
    .addColumn('public', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('extraction_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`extraction_status in ('pending', 'done', 'failed', 'skipped')`),
    )
    .addColumn('extracted_text', 'text')
    .addColumn('extraction_error', 'text')
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('stakeholder_input_files_pkey', ['consultation_id', 'id'])
    .addForeignKeyConstraint(
      'stakeholder_input_files_input_fkey',
      ['consultation_id', 'stakeholder_input_id'],
      'stakeholder_inputs',
      ['consultation_id', 'id'],
      (cb) => cb.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('stakeholder_input_files_input_idx')
    .on('stakeholder_input_files')
    .columns(['consultation_id', 'stakeholder_input_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stakeholder_input_files').execute();
  await db.schema.dropTable('stakeholder_inputs').execute();
}
