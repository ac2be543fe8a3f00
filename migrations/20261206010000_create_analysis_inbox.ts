import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 11 (analysis workspace), stories 1 and 5: the analysts' inbox over every kind of input.
// Owned by the analysis module. One row per input item (a response, a comment, later a user-test
// finding or a stakeholder input) with what the inbox filters, sorts and searches on, and the
// analysts' workflow (status, assignee). Rows are written by the inbox indexer, which follows the
// audit log as its change feed, so the submission path writes nothing here and stems nothing.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analysis_items')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('response', 'comment', 'finding', 'stakeholder_input')`),
    )
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    // The source's version the row was made from (a response's version; 1 for the others).
    .addColumn('item_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('author_label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('acting_as', 'text')
    .addColumn('invited', 'boolean')
    .addColumn('channel', 'text')
    .addColumn('source_status', 'text', (c) => c.notNull())
    .addColumn('scenario_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('has_attachments', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('doc', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('doc_language', 'text', (c) => c.notNull().check(sql`doc_language in ('danish', 'english')`))
    .addColumn('search', sql`tsvector`, (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new')
        .check(sql`status in ('new', 'in_progress', 'analysed')`),
    )
    .addColumn('assignee_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    // Set when the source changed after it was coded: the codings stay with the version they were
    // made on, and an analyst looks again.
    .addColumn('needs_review', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status_changed_at', 'timestamptz')
    // What the row was made from (version, status and the like): the indexer skips an unchanged source.
    .addColumn('source_stamp', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('indexed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('analysis_items_pkey', ['consultation_id', 'kind', 'item_id'])
    .execute();
  await sql`create index analysis_items_received_idx on analysis_items (consultation_id, received_at desc, item_id desc)`.execute(
    db,
  );
  await sql`create index analysis_items_search_idx on analysis_items using gin (search)`.execute(db);
  await sql`create index analysis_items_assignee_idx on analysis_items (consultation_id, assignee_id, status)`.execute(
    db,
  );
  await sql`create index analysis_items_item_idx on analysis_items (item_id)`.execute(db);

  // Where the indexer is in the audit log (one row). Null: it has not run yet, and its first run
  // indexes every existing input item before it follows the log.
  await db.schema
    .createTable('analysis_index_state')
    .addColumn('id', 'integer', (c) =>
      c
        .primaryKey()
        .defaultTo(1)
        .check(sql`id = 1`),
    )
    .addColumn('audit_after_at', 'timestamptz')
    .addColumn('audit_after_id', 'uuid')
    // The first run's walk over every existing item: which kind, and the last key done.
    .addColumn('walk_kind', 'text')
    .addColumn('walk_after_consultation', 'uuid')
    .addColumn('walk_after_id', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into analysis_index_state (id) values (1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analysis_index_state').execute();
  await db.schema.dropTable('analysis_items').execute();
}
