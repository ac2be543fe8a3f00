import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 15 item 3: "local admin accounts remain for break-glass, with a second factor (TOTP, with
// recovery codes)". Owned by the accounts module.
//
// account_totp: an account's TOTP secret (RFC 6238, 30-second steps). `enabled_at` is set once a
// code from the authenticator app confirmed the enrolment; from then on a sign-in with the password
// also needs a code. `last_step` is the last time step a code was accepted for, so a code is used once.
// account_recovery_codes: ten one-time codes, stored as SHA-256 hashes, each used at most once.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_totp')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('enabled_at', 'timestamptz')
    .addColumn('last_step', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('account_recovery_codes')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('account_recovery_codes_pkey', ['user_id', 'code_hash'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_recovery_codes').execute();
  await db.schema.dropTable('account_totp').execute();
}
