import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM).
// Issue 4: the questionnaire, hearing responses with their answers and versions, and the mail outbox.

const NIL_UUID = sql`'00000000-0000-0000-0000-000000000000'::uuid`;
const CROCKFORD_CODE = '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('questions')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('text', 'single', 'multi', 'scale', 'scenario_scale')`),
    )
    .addColumn('required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('prompt', 'jsonb', (c) => c.notNull())
    .addColumn('help', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"da":"","en":""}'::jsonb`))
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('questions_pkey', ['consultation_id', 'id'])
    // Choices have at least two options; the other kinds have none.
    .addCheckConstraint(
      'questions_options_check',
      sql`jsonb_typeof(options) = 'array' and (case when kind in ('single', 'multi') then jsonb_array_length(options) >= 2 else options = '[]'::jsonb end)`,
    )
    .execute();
  await db.schema.createIndex('questions_id_idx').on('questions').column('id').execute();
  await db.schema
    .createIndex('questions_position_idx')
    .on('questions')
    .columns(['consultation_id', 'position'])
    .execute();

  // High-volume: keyed by consultation so it can be partitioned or distributed (Citus) by consultation_id.
  // No cascade from consultations: a hearing response is evidence and is never deleted with its hearing.
  await db.schema
    .createTable('responses')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('receipt_code', 'text', (c) => c.notNull().check(sql.raw(`receipt_code ~ '${CROCKFORD_CODE}'`)))
    .addColumn('respondent_name', 'text', (c) => c.notNull().check(sql`char_length(respondent_name) between 1 and 200`))
    .addColumn('respondent_email', 'text', (c) => c.check(sql`char_length(respondent_email) <= 320`))
    .addColumn('acting_as', 'text', (c) =>
      c.notNull().check(sql`acting_as in ('citizen', 'business', 'ngo', 'public_authority', 'other')`),
    )
    .addColumn('organisation_name', 'text', (c) => c.check(sql`char_length(organisation_name) <= 300`))
    .addColumn('cvr', 'text', (c) => c.check(sql`cvr ~ '^[0-9]{8}$'`))
    .addColumn('invited', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('consent', 'text', (c) =>
      c.notNull().check(sql`consent in ('public_named', 'public_anonymous', 'not_public')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('submitted')
        .check(sql`status in ('submitted', 'withdrawn')`),
    )
    .addColumn('channel', 'text', (c) =>
      c
        .notNull()
        .defaultTo('web')
        .check(sql`channel in ('web', 'letter', 'email')`),
    )
    .addColumn('locale', 'text', (c) =>
      c
        .notNull()
        .defaultTo('da')
        .check(sql`locale in ('da', 'en')`),
    )
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull().check(sql`fingerprint ~ '^[0-9a-f]{64}$'`))
    // SHA-256 of the edit token: a database leak yields no usable edit link.
    .addColumn('edit_token_hash', 'text', (c) => c.check(sql`edit_token_hash ~ '^[0-9a-f]{64}$'`))
    // The edit token sealed (AES-256-GCM) under a key derived from the client's Idempotency-Key, which is
    // itself stored only as a SHA-256: only a retry that presents the original key recovers the token.
    .addColumn('edit_token_sealed', 'bytea')
    .addColumn('idempotency_key_hash', 'text', (c) => c.check(sql`idempotency_key_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('request_hash', 'text', (c) => c.check(sql`request_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('publication_status', 'text', (c) =>
      c.notNull().check(sql`publication_status in ('pending', 'approved', 'rejected', 'not_requested')`),
    )
    .addColumn('publication_reason', 'text', (c) => c.check(sql`char_length(publication_reason) <= 2000`))
    .addColumn('reviewed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('registered_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('edited_at', 'timestamptz')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('version', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`version >= 1`),
    )
    .addColumn('search', sql`tsvector`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('responses_pkey', ['consultation_id', 'id'])
    // The database, not an `if`, makes a retried submission create nothing more (DESIGN.md §5).
    .addUniqueConstraint('responses_idempotency_key', ['consultation_id', 'idempotency_key_hash'])
    // Publication is decided only for responses whose author consented to it.
    .addCheckConstraint(
      'responses_publication_consent_check',
      sql`(consent = 'not_public') = (publication_status = 'not_requested')`,
    )
    .addCheckConstraint(
      'responses_rejection_reason_check',
      sql`publication_status <> 'rejected' or publication_reason is not null`,
    )
    .addCheckConstraint('responses_web_email_check', sql`channel <> 'web' or respondent_email is not null`)
    .addCheckConstraint('responses_withdrawn_check', sql`(status = 'withdrawn') = (withdrawn_at is not null)`)
    .execute();
  await sql`create unique index responses_receipt_code_key on responses (receipt_code)`.execute(db);
  await sql`create unique index responses_edit_token_hash_key on responses (edit_token_hash)`.execute(db);
  await db.schema.createIndex('responses_id_idx').on('responses').column('id').execute();
  await sql`create index responses_search_idx on responses using gin (search)`.execute(db);
  await sql`
    create index responses_public_idx on responses (consultation_id, submitted_at desc, id desc)
    where status = 'submitted' and publication_status = 'approved'`.execute(db);
  await db.schema
    .createIndex('responses_queue_idx')
    .on('responses')
    .columns(['consultation_id', 'publication_status', 'submitted_at', 'id'])
    .execute();

  await db.schema
    .createTable('answers')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('question_id', 'uuid', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pkey', ['consultation_id', 'response_id', 'question_id'])
    .addForeignKeyConstraint(
      'answers_response_fkey',
      ['consultation_id', 'response_id'],
      'responses',
      ['consultation_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    // No cascade: a question that has answers cannot be deleted (issue 4: shape frozen once responses exist).
    .addForeignKeyConstraint('answers_question_fkey', ['consultation_id', 'question_id'], 'questions', [
      'consultation_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('answers_question_idx')
    .on('answers')
    .columns(['consultation_id', 'question_id'])
    .execute();

  // Every version of a response, the first included; `snapshot` is the fingerprint's canonical input.
  await db.schema
    .createTable('response_versions')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull().check(sql`fingerprint ~ '^[0-9a-f]{64}$'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('response_versions_pkey', ['consultation_id', 'response_id', 'version'])
    .addForeignKeyConstraint(
      'response_versions_response_fkey',
      ['consultation_id', 'response_id'],
      'responses',
      ['consultation_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();

  // An attachment belongs to at most one response of the same consultation.
  await sql`
    alter table attachments
      add constraint attachments_response_fkey foreign key (consultation_id, response_id)
      references responses (consultation_id, id)`.execute(db);

  // Every mail, written in the transaction that caused it and delivered by the `mail.send` job:
  // over SMTP when configured, else kept here for an admin ('outboxed'), so nothing is lost.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().defaultTo(NIL_UUID))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('recipient', 'text', (c) => c.notNull().check(sql`char_length(recipient) between 3 and 320`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('da', 'en')`))
    .addColumn('response_id', 'uuid')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'outboxed', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addPrimaryKeyConstraint('mail_outbox_pkey', ['consultation_id', 'id'])
    .execute();
  await db.schema.createIndex('mail_outbox_time_idx').on('mail_outbox').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('mail_outbox_status_idx').on('mail_outbox').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
  await sql`alter table attachments drop constraint if exists attachments_response_fkey`.execute(db);
  await db.schema.dropTable('response_versions').execute();
  await db.schema.dropTable('answers').execute();
  await db.schema.dropTable('responses').execute();
  await db.schema.dropTable('questions').execute();
}
