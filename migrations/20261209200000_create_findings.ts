import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 13 story 1: user-test sessions and their findings. Owned by the findings module. Every
// table carries consultation_id first in its keys (Citus plan). A finding is removed softly
// (deleted_at): the analysis inbox keeps its row (marked deleted) and its codings stay readable.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_test_sessions')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    // A short reference a lab's spreadsheet names the session by ("T1", "Aarhus-1"); optional.
    .addColumn('ref', 'text')
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('remote', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('method', 'text', (c) =>
      c
        .notNull()
        .check(sql`method in ('moderated_usability_test', 'think_aloud', 'interview', 'unmoderated_task', 'survey')`),
    )
    .addColumn('facilitator', 'text', (c) => c.notNull())
    .addColumn('participant_profile', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('participant_count', 'integer', (c) => c.notNull().check(sql`participant_count between 1 and 100000`))
    .addColumn('device', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recording_consent', 'boolean', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('user_test_sessions_pkey', ['consultation_id', 'id'])
    .execute();
  // The consultation second, as in migration 20261208040100: a key led by it would compete with the
  // primary key in foreign-key checks.
  await sql`create unique index user_test_sessions_ref_key on user_test_sessions (ref, consultation_id)`.execute(db);

  await db.schema
    .createTable('findings')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('scenario_id', 'uuid', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('task', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('observation', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sql`severity in ('critical', 'major', 'minor', 'cosmetic')`),
    )
    .addColumn('participants_affected', 'integer', (c) =>
      c.notNull().check(sql`participants_affected between 1 and 1000000`),
    )
    .addColumn('recommendation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'addressed', 'wont_fix')`),
    )
    .addColumn('status_note', 'text', (c) => c.notNull().defaultTo(''))
    // Raised by every change (the inbox's stamp, and the check against a stale edit).
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // The overview's order: severity first (critical = 0), then the most participants affected.
    .addColumn('sort_key', 'integer', (c) =>
      c
        .generatedAlwaysAs(
          sql`(case severity when 'critical' then 0 when 'major' then 1 when 'minor' then 2 else 3 end) * 10000000 - participants_affected`,
        )
        .stored(),
    )
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .addPrimaryKeyConstraint('findings_pkey', ['consultation_id', 'id'])
    .execute();
  // The per-scenario overview and list: counts and pages in the overview's order, read from the index.
  await sql`create index findings_scenario_order_idx on findings (consultation_id, scenario_id, sort_key, id)
    include (severity, participants_affected) where deleted_at is null`.execute(db);

  await db.schema
    .createTable('finding_sessions')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('finding_id', 'uuid', (c) => c.notNull())
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_sessions_pkey', ['consultation_id', 'finding_id', 'session_id'])
    .addForeignKeyConstraint(
      'finding_sessions_finding_fkey',
      ['consultation_id', 'finding_id'],
      'findings',
      ['consultation_id', 'id'],
      (cb) => cb.onDelete('cascade'),
    )
    .addForeignKeyConstraint('finding_sessions_session_fkey', ['consultation_id', 'session_id'], 'user_test_sessions', [
      'consultation_id',
      'id',
    ])
    .execute();
  await sql`create index finding_sessions_session_idx on finding_sessions (consultation_id, session_id)`.execute(db);

  // Evidence: the bytes are in the files module's blob store under storage_key; checked by content there.
  await db.schema
    .createTable('finding_evidence')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('finding_id', 'uuid', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('finding_evidence_pkey', ['consultation_id', 'id'])
    .addForeignKeyConstraint(
      'finding_evidence_finding_fkey',
      ['consultation_id', 'finding_id'],
      'findings',
      ['consultation_id', 'id'],
      (cb) => cb.onDelete('cascade'),
    )
    .execute();
  await sql`create index finding_evidence_finding_idx on finding_evidence (consultation_id, finding_id)`.execute(db);

  // A CSV import staged for its preview, committed all or nothing (rows and their errors as JSON).
  await db.schema
    .createTable('finding_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('staged', 'committed')`))
    .addColumn('rows', 'jsonb', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('committed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('finding_imports_consultation_idx')
    .on('finding_imports')
    .columns(['consultation_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('finding_imports').execute();
  await db.schema.dropTable('finding_evidence').execute();
  await db.schema.dropTable('finding_sessions').execute();
  await db.schema.dropTable('findings').execute();
  await db.schema.dropTable('user_test_sessions').execute();
}
