import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('locale', 'text', (c) =>
      c
        .notNull()
        .defaultTo('da')
        .check(sql`locale in ('da', 'en')`),
    )
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'analyst', 'reviewer', 'participant')`))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('user_roles_pkey', ['user_id', 'role'])
    .execute();

  // The session id is a SHA-256 of the cookie's random token: a database leak yields no usable cookie.
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('consultations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    )
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`array['da','en']::text[]`))
    .addColumn('phase', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`phase in ('draft', 'open', 'closed', 'analysis', 'concluded')`),
    )
    .addColumn('opens_at', 'timestamptz')
    .addColumn('closes_at', 'timestamptz')
    .addColumn('it_stage', 'text', (c) =>
      c
        .notNull()
        .defaultTo('analysis')
        .check(sql`it_stage in ('idea', 'analysis', 'procurement', 'completion', 'realisation')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'consultations_window_check',
      sql`opens_at is null or closes_at is null or opens_at < closes_at`,
    )
    .execute();
  await db.schema
    .createIndex('consultations_listing_idx')
    .on('consultations')
    .columns(['phase', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('consultation_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text')
    .addColumn('size_bytes', 'bigint')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('consultation_documents_consultation_idx')
    .on('consultation_documents')
    .columns(['consultation_id', 'position'])
    .execute();

  await db.schema
    .createTable('consultation_phase_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('from_phase', 'text', (c) => c.notNull())
    .addColumn('to_phase', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('consultation_phase_changes_idx')
    .on('consultation_phase_changes')
    .columns(['consultation_id', 'changed_at'])
    .execute();

  await db.schema
    .createTable('scenarios')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[A-Z][A-Z0-9]{0,7}$'`))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('candidate')
        .check(sql`status in ('candidate', 'shortlisted', 'eliminated', 'selected')`),
    )
    .addColumn('status_round', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`status_round >= 1`),
    )
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('scenarios_consultation_key_key', ['consultation_id', 'key'])
    .execute();
  await db.schema
    .createIndex('scenarios_consultation_position_idx')
    .on('scenarios')
    .columns(['consultation_id', 'position'])
    .execute();
  // At most one scenario is finally selected per consultation: guarded here, not in code.
  await sql`create unique index scenarios_one_selected_idx on scenarios (consultation_id) where status = 'selected'`.execute(
    db,
  );

  // Every edit of a description is a new version; comments keep pointing at the paragraph they were written about.
  await db.schema
    .createTable('scenario_versions')
    .addColumn('scenario_id', 'uuid', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('scenario_versions_pkey', ['scenario_id', 'version'])
    .execute();

  await db.schema
    .createTable('scenario_status_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('scenario_id', 'uuid', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().check(sql`round >= 1`))
    .addColumn('note', 'text')
    .addColumn('changed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('scenario_status_changes_idx')
    .on('scenario_status_changes')
    .columns(['scenario_id', 'changed_at'])
    .execute();

  // High-volume: keyed by consultation so it can be partitioned or distributed (Citus) by consultation_id.
  // Platform-wide events (accounts, sign-ins) use the nil UUID as their consultation.
  await db.schema
    .createTable('audit_events')
    .addColumn('consultation_id', 'uuid', (c) =>
      c.notNull().defaultTo(sql`'00000000-0000-0000-0000-000000000000'::uuid`),
    )
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_label', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint('audit_events_pkey', ['consultation_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_events_time_idx').on('audit_events').columns(['occurred_at', 'id']).execute();
  await db.schema
    .createIndex('audit_events_item_idx')
    .on('audit_events')
    .columns(['item_type', 'item_id', 'occurred_at'])
    .execute();

  // Append-only: the database itself refuses to change or remove history.
  await sql`
    create function audit_events_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only' using errcode = '42501';
    end
    $$`.execute(db);
  await sql`
    create trigger audit_events_no_update_delete
    before update or delete on audit_events
    for each row execute function audit_events_refuse_change()`.execute(db);
  await sql`
    create trigger audit_events_no_truncate
    before truncate on audit_events
    for each statement execute function audit_events_refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists audit_events_no_truncate on audit_events`.execute(db);
  await sql`drop trigger if exists audit_events_no_update_delete on audit_events`.execute(db);
  await db.schema.dropTable('audit_events').execute();
  await sql`drop function if exists audit_events_refuse_change()`.execute(db);
  await db.schema.dropTable('scenario_status_changes').execute();
  await db.schema.dropTable('scenario_versions').execute();
  await db.schema.dropTable('scenarios').execute();
  await db.schema.dropTable('consultation_phase_changes').execute();
  await db.schema.dropTable('consultation_documents').execute();
  await db.schema.dropTable('consultations').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('user_roles').execute();
  await db.schema.dropTable('users').execute();
}
