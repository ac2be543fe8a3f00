import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 14 stories 1, 3 and 4: reviewers scoped to a consultation, review rounds with a position per
// scenario and reviewer (every revision kept), the reminder ledger, and the decision record with its
// political approval. Owned by the reviews module. Small tables: Citus reference tables.

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  // Story 1: who reviews which consultation, for which public authority.
  await db.schema
    .createTable('consultation_reviewers')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('authority', 'text', (c) => c.notNull().check(sql`length(authority) between 1 and 200`))
    // Will reference the organisations directory (server/modules/parties, issue 14 story 1) once it
    // has landed; no foreign key until then.
    .addColumn('organisation_id', 'uuid')
    .addColumn('invited_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('invited_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('consultation_reviewers_pkey', ['consultation_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('consultation_reviewers_user_idx')
    .on('consultation_reviewers')
    .column('user_id')
    .execute();

  // Story 3: a review round; at most one open per consultation.
  await db.schema
    .createTable('review_rounds')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('closed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('closed_at', 'timestamptz')
    .addPrimaryKeyConstraint('review_rounds_pkey', ['consultation_id', 'id'])
    .addUniqueConstraint('review_rounds_number_key', ['consultation_id', 'number'])
    .addCheckConstraint('review_rounds_closed_check', sql`(status = 'closed') = (closed_at is not null)`)
    .execute();
  await sql`create unique index review_rounds_one_open on review_rounds (consultation_id) where status = 'open'`.execute(
    db,
  );

  await db.schema
    .createTable('review_round_scenarios')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('scenario_id', 'uuid', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('review_round_scenarios_pkey', ['consultation_id', 'round_id', 'scenario_id'])
    .addForeignKeyConstraint(
      'review_round_scenarios_round_fkey',
      ['consultation_id', 'round_id'],
      'review_rounds',
      ['consultation_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // A reviewer's current position on a scenario in a round; every version is in review_revisions.
  await db.schema
    .createTable('reviews')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('scenario_id', 'uuid', (c) => c.notNull())
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The authority the reviewer spoke for when writing (kept if the reviewer is later removed).
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) =>
      c.notNull().check(sql`position in ('supports', 'supports_with_conditions', 'objects')`),
    )
    .addColumn('conditions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('reasons', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note_format', 'text', (c) =>
      c
        .notNull()
        .defaultTo('markdown')
        .check(sql`note_format in ('markdown', 'text')`),
    )
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('reviews_pkey', ['consultation_id', 'id'])
    .addUniqueConstraint('reviews_one_per_reviewer_key', ['round_id', 'consultation_id', 'scenario_id', 'reviewer_id'])
    .addForeignKeyConstraint(
      'reviews_round_scenario_fkey',
      ['consultation_id', 'round_id', 'scenario_id'],
      'review_round_scenarios',
      ['consultation_id', 'round_id', 'scenario_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint(
      'reviews_position_needs_check',
      sql`(position <> 'objects' or length(coalesce(reasons, '')) > 0)
        and (position <> 'supports_with_conditions' or jsonb_array_length(conditions) > 0)`,
    )
    .execute();
  await db.schema.createIndex('reviews_reviewer_idx').on('reviews').columns(['reviewer_id', 'round_id']).execute();

  await db.schema
    .createTable('review_revisions')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('review_id', 'uuid', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('conditions', 'jsonb', (c) => c.notNull())
    .addColumn('reasons', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('note_format', 'text', (c) => c.notNull())
    .addColumn('written_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('written_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('review_revisions_pkey', ['consultation_id', 'review_id', 'revision'])
    .addForeignKeyConstraint(
      'review_revisions_review_fkey',
      ['consultation_id', 'review_id'],
      'reviews',
      ['consultation_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // One row per reminder sent, written in the transaction that writes its mail: never sent twice.
  await db.schema
    .createTable('review_reminders')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reminder', 'text', (c) => c.notNull())
    .addColumn('mail_id', 'uuid')
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('review_reminders_pkey', ['consultation_id', 'round_id', 'reviewer_id', 'reminder'])
    .addForeignKeyConstraint(
      'review_reminders_round_fkey',
      ['consultation_id', 'round_id'],
      'review_rounds',
      ['consultation_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // Story 4: the outcome per scenario of a round, with reasons and the evidence they cite.
  await db.schema
    .createTable('scenario_decisions')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('scenario_id', 'uuid', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('shortlisted', 'eliminated', 'selected')`))
    .addColumn('reasons', 'text', (c) => c.notNull().check(sql`length(reasons) > 0`))
    // [{ kind: theme | ranking | finding | review | item | document, ref, label }]
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('scenario_decisions_pkey', ['consultation_id', 'round_id', 'scenario_id'])
    .addForeignKeyConstraint(
      'scenario_decisions_round_fkey',
      ['consultation_id', 'round_id'],
      'review_rounds',
      ['consultation_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // One selected scenario per round (the scenarios table allows one per consultation).
  await sql`create unique index scenario_decisions_one_selected on scenario_decisions (consultation_id, round_id)
    where outcome = 'selected'`.execute(db);

  await db.schema
    .createTable('decision_approvals')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('round_id', 'uuid', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull().check(sql`length(approved_by) between 1 and 300`))
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull())
    .addColumn('document_ref', 'text', (c) => c.notNull().check(sql`length(document_ref) between 1 and 1000`))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('decision_approvals_pkey', ['consultation_id', 'round_id'])
    .addForeignKeyConstraint(
      'decision_approvals_round_fkey',
      ['consultation_id', 'round_id'],
      'review_rounds',
      ['consultation_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'decision_approvals',
    'scenario_decisions',
    'review_reminders',
    'review_revisions',
    'reviews',
    'review_round_scenarios',
    'review_rounds',
    'consultation_reviewers',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
