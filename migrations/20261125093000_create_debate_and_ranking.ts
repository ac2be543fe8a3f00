import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM).
// Issue #5: participant accounts, paragraph-anchored comments, ranked ballots and their results.

export async function up(db: Kysely<any>): Promise<void> {
  // Accounts made by staff, the CLI or the seed count as confirmed: the default fills every existing
  // row and every insert that does not name the column. Self-registration inserts null explicitly.
  await sql`alter table users add column email_confirmed_at timestamptz default now()`.execute(db);
  // The participant's segment for the ranking results (issue #5: "ask for them once, never guess").
  await sql`
    alter table users
      add column acting_as text
        check (acting_as in ('citizen', 'business', 'ngo', 'public_authority', 'other')),
      add column organisation_name text check (char_length(organisation_name) <= 200),
      add column invited boolean not null default false`.execute(db);

  await sql`alter table consultations add column results_published_at timestamptz`.execute(db);

  // One-time tokens for e-mail confirmation and password reset; only a SHA-256 of the token is
  // stored, so a database leak yields no usable link. A confirmation token carries the password
  // chosen in that registration, so whoever opens the mailbox's link sets the password
  // (an address registered first by someone else cannot be taken over on confirmation).
  await db.schema
    .createTable('account_tokens')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('confirm_email', 'reset_password')`))
    .addColumn('password_hash', 'text')
    .addColumn('display_name', 'text')
    .addColumn('locale', 'text', (c) => c.check(sql`locale in ('da', 'en')`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('account_tokens_user_idx').on('account_tokens').columns(['user_id', 'purpose']).execute();

  // High-volume tables are keyed by consultation so they can be partitioned or distributed by it.
  await db.schema
    .createTable('comments')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('scenario_id', 'uuid', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid')
    .addColumn('paragraph_id', 'text', (c) => c.check(sql`paragraph_id ~ '^p-[0-9a-f]{8}(-[0-9]+)?$'`))
    // The paragraph's text in each language when the comment was written ({ da, en }, a language
    // null when the paragraph was not in it), so an old anchor keeps showing what was commented on.
    .addColumn('paragraph_text', 'jsonb', (c) => c.check(sql`jsonb_typeof(paragraph_text) = 'object'`))
    .addColumn('scenario_version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('visible')
        .check(sql`status in ('visible', 'hidden', 'deleted')`),
    )
    .addColumn('hidden_reason', 'text', (c) => c.check(sql`char_length(hidden_reason) <= 500`))
    .addColumn('hidden_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addPrimaryKeyConstraint('comments_pkey', ['consultation_id', 'id'])
    // A deleted comment keeps no text; every other comment has 1–5000 characters.
    .addCheckConstraint(
      'comments_body_check',
      sql`(status = 'deleted' and body = '') or (status <> 'deleted' and char_length(body) between 1 and 5000)`,
    )
    .addCheckConstraint('comments_hidden_needs_reason', sql`status <> 'hidden' or hidden_reason is not null`)
    .addCheckConstraint('comments_anchor_check', sql`(paragraph_id is null) = (paragraph_text is null)`)
    // The key is scoped to its author: nobody can replay (or learn of) another person's comment.
    .addUniqueConstraint('comments_idempotency_key', ['consultation_id', 'author_id', 'idempotency_key'])
    .addForeignKeyConstraint(
      'comments_parent_fkey',
      ['consultation_id', 'parent_id'],
      'comments',
      ['consultation_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('comments_id_idx').on('comments').column('id').execute();
  await db.schema
    .createIndex('comments_scenario_idx')
    .on('comments')
    .columns(['scenario_id', 'parent_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('comments_parent_idx').on('comments').columns(['consultation_id', 'parent_id']).execute();
  await db.schema.createIndex('comments_author_idx').on('comments').columns(['author_id', 'created_at']).execute();

  await db.schema
    .createTable('comment_supports')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('comment_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('comment_supports_pkey', ['consultation_id', 'comment_id', 'user_id'])
    .addForeignKeyConstraint(
      'comment_supports_comment_fkey',
      ['consultation_id', 'comment_id'],
      'comments',
      ['consultation_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // One ballot per participant and consultation, guarded by the database (issue #5).
  // `ranks` is the truth ({ scenarioId: denseRank }, ranked scenarios only); `ranking` is its
  // canonical text ("<scenarioId>:<rank>,…" by scenario id) so the count groups distinct rankings in
  // SQL instead of loading every ballot. It names scenarios by id, not by position, so reordering,
  // adding or eliminating a scenario never invalidates a ballot. acting_as / invited are the
  // segment copied from the profile (kept current while the consultation is open).
  await db.schema
    .createTable('ballots')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ranks', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(ranks) = 'object'`))
    .addColumn('ranking', 'text', (c) => c.notNull().check(sql`char_length(ranking) between 1 and 10000`))
    .addColumn('acting_as', 'text', (c) =>
      c.check(sql`acting_as in ('citizen', 'business', 'ngo', 'public_authority', 'other')`),
    )
    .addColumn('invited', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ballots_pkey', ['consultation_id', 'id'])
    .addUniqueConstraint('ballots_one_per_participant', ['consultation_id', 'user_id'])
    .execute();
  // The count reads only this index (an index-only scan grouped by ranking, filtered by segment).
  await sql`create index ballots_count_idx on ballots (consultation_id, ranking) include (acting_as, invited)`.execute(
    db,
  );
  await db.schema.createIndex('ballots_user_idx').on('ballots').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ballots').execute();
  await db.schema.dropTable('comment_supports').execute();
  await db.schema.dropTable('comments').execute();
  await db.schema.dropTable('account_tokens').execute();
  await sql`alter table consultations drop column results_published_at`.execute(db);
  await sql`
    alter table users
      drop column invited,
      drop column organisation_name,
      drop column acting_as,
      drop column email_confirmed_at`.execute(db);
}
