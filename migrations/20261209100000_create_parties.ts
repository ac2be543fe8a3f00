import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 13 stories 2, 3 and 5: the directory of consulted parties and each consultation's
// høringsliste (list of consulted parties), with invitations (only the token's SHA-256 is kept),
// reminders (one row per sent reminder: the database refuses a second) and rejected match proposals.
// Owned by the parties module.

const KINDS = `('ministry', 'agency', 'region', 'municipality', 'business', 'association', 'ngo', 'other')`;

export async function up(db: Kysely<any>): Promise<void> {
  // The directory, reused across hearings. `name_key`: the name normalised (case, accents,
  // punctuation and spacing folded), unique like the CVR number, so duplicates are caught by the database.
  await db.schema
    .createTable('parties')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 300`))
    .addColumn('name_key', 'text', (c) => c.notNull().check(sql`name_key <> ''`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in ${KINDS}`)))
    .addColumn('cvr', 'text', (c) => c.check(sql`cvr ~ '^[0-9]{8}$'`))
    .addColumn('emails', sql`text[]`, (c) => c.notNull().check(sql`cardinality(emails) between 1 and 20`))
    .addColumn('locale', 'text', (c) =>
      c
        .notNull()
        .defaultTo('da')
        .check(sql`locale in ('da', 'en')`),
    )
    .addColumn('note', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(note) <= 2000`),
    )
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index parties_name_key_key on parties (name_key)`.execute(db);
  await sql`create unique index parties_cvr_key on parties (cvr) where cvr is not null`.execute(db);
  await sql`create index parties_kind_idx on parties (kind, name_key)`.execute(db);

  // Per consultation: how many days before the deadline the reminder goes out (null: the default).
  await db.schema
    .createTable('party_list_settings')
    .addColumn('consultation_id', 'uuid', (c) => c.primaryKey().references('consultations.id').onDelete('cascade'))
    .addColumn('reminder_days', 'integer', (c) => c.check(sql`reminder_days between 0 and 60`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The høringsliste: a party on a consultation's list, and how it answered (a linked response, or
  // "no comments"). No read or open tracking of any kind (issue 13).
  await db.schema
    .createTable('consultation_parties')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('added_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('invited_at', 'timestamptz')
    .addColumn('invited_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('response_id', 'uuid')
    .addColumn('responded_at', 'timestamptz')
    .addColumn('linked_by', 'text', (c) => c.check(sql`linked_by in ('link', 'match', 'staff')`))
    .addColumn('late', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('no_comments_at', 'timestamptz')
    .addColumn('no_comments_by', 'text', (c) => c.check(sql`no_comments_by in ('party', 'staff')`))
    .addPrimaryKeyConstraint('consultation_parties_pkey', ['consultation_id', 'party_id'])
    .addCheckConstraint(
      'consultation_parties_response_check',
      sql`(response_id is null) = (responded_at is null) and (response_id is null) = (linked_by is null)`,
    )
    .addCheckConstraint(
      'consultation_parties_no_comments_check',
      sql`(no_comments_at is null) = (no_comments_by is null)`,
    )
    .execute();
  // A response answers for one party at most.
  await sql`create unique index consultation_parties_response_key on consultation_parties (response_id, consultation_id)
    where response_id is not null`.execute(db);

  // The personal links' tokens: only their SHA-256. Each mail (the invitation, a reminder) carries a
  // token of its own and every one stays valid, so a reminder does not break the invitation's link.
  // Looked up by the hash alone (the key leads with it), as the edit link's token is.
  await db.schema
    .createTable('party_invitations')
    .addColumn('token_hash', 'text', (c) => c.notNull().check(sql`token_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('party_id', 'uuid', (c) => c.notNull())
    .addColumn('mail', 'text', (c) => c.notNull().check(sql`mail in ('invitation', 'reminder')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('party_invitations_pkey', ['token_hash', 'consultation_id'])
    .addForeignKeyConstraint(
      'party_invitations_entry_fkey',
      ['consultation_id', 'party_id'],
      'consultation_parties',
      ['consultation_id', 'party_id'],
      (cb) => cb.onDelete('cascade'),
    )
    .execute();
  await sql`create index party_invitations_entry_idx on party_invitations (consultation_id, party_id)`.execute(db);

  // A sent reminder: inserted in the transaction that queues its mail, so a run that is repeated
  // (a restart, a second instance) finds the row and sends nothing twice.
  await db.schema
    .createTable('party_reminders')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('party_id', 'uuid', (c) => c.notNull())
    .addColumn('reminder', 'smallint', (c) => c.notNull().check(sql`reminder between 1 and 10`))
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('party_reminders_pkey', ['consultation_id', 'party_id', 'reminder'])
    .addForeignKeyConstraint(
      'party_reminders_entry_fkey',
      ['consultation_id', 'party_id'],
      'consultation_parties',
      ['consultation_id', 'party_id'],
      (cb) => cb.onDelete('cascade'),
    )
    .execute();

  // A proposed match (by CVR or e-mail domain) that staff rejected: never proposed again.
  await db.schema
    .createTable('party_match_rejections')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('party_id', 'uuid', (c) => c.notNull())
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('rejected_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('rejected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('party_match_rejections_pkey', ['consultation_id', 'party_id', 'response_id'])
    .addForeignKeyConstraint(
      'party_match_rejections_entry_fkey',
      ['consultation_id', 'party_id'],
      'consultation_parties',
      ['consultation_id', 'party_id'],
      (cb) => cb.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('party_match_rejections').execute();
  await db.schema.dropTable('party_reminders').execute();
  await db.schema.dropTable('party_invitations').execute();
  await db.schema.dropTable('consultation_parties').execute();
  await db.schema.dropTable('party_list_settings').execute();
  await db.schema.dropTable('parties').execute();
}
