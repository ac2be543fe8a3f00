import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 15 (Identity): MitID through an OpenID Connect broker and staff single sign-on. Owned by the
// identity module. No CPR number is stored anywhere: a person is known by the broker's subject.

export async function up(db: Kysely<any>): Promise<void> {
  // A sign-in or verification under way: PKCE verifier, state and nonce, kept server-side (so any
  // instance can finish it) for ten minutes; the browser holds the state in an httpOnly cookie.
  await db.schema
    .createTable('identity_flows')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('login', 'verify', 'staff')`))
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('response_id', 'uuid')
    .addColumn('consultation_id', 'uuid')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('da'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A broker's person linked to an account: later sign-ins go straight in.
  await db.schema
    .createTable('identity_links')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addPrimaryKeyConstraint('identity_links_pkey', ['provider', 'subject'])
    .execute();
  await db.schema.createIndex('identity_links_user_idx').on('identity_links').column('user_id').execute();

  // A first MitID sign-in waiting for its e-mail address (`id_hash`: the token the browser holds),
  // then for the confirmation link mailed to it (`confirm_hash`: that link's token hash).
  await db.schema
    .createTable('identity_pending')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('confirm_hash', 'text', (c) => c.unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A hearing response verified with MitID: who vouched (broker), how strongly, when; for MitID
  // Erhverv the verified CVR and organisation name.
  await db.schema
    .createTable('response_verifications')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('loa', 'text', (c) => c.notNull().check(sql`loa in ('low', 'substantial', 'high')`))
    .addColumn('cvr', 'text', (c) => c.check(sql`cvr ~ '^[0-9]{8}$'`))
    .addColumn('org_name', 'text')
    .addColumn('verified_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('response_verifications_pkey', ['consultation_id', 'response_id'])
    .addForeignKeyConstraint(
      'response_verifications_response_fkey',
      ['consultation_id', 'response_id'],
      'responses',
      ['consultation_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('response_verifications_loa_idx')
    .on('response_verifications')
    .columns(['consultation_id', 'loa'])
    .execute();

  // A consultation may require a minimum assurance level for verification.
  await db.schema
    .createTable('consultation_identity_rules')
    .addColumn('consultation_id', 'uuid', (c) => c.primaryKey().references('consultations.id').onDelete('cascade'))
    .addColumn('min_loa', 'text', (c) => c.notNull().check(sql`min_loa in ('low', 'substantial', 'high')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'consultation_identity_rules',
    'response_verifications',
    'identity_pending',
    'identity_links',
    'identity_flows',
  ])
    await db.schema.dropTable(t).execute();
}
