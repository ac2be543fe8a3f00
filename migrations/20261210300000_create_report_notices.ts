import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 14 story 7: the ledger of "how your input was used" notices. One row per recipient (a
// respondent's response, or a participant's account) per consultation, inserted in the transaction
// that writes the notice's outbox mail: a notice is mailed once, whatever the sweeps, restarts or
// republished versions. Owned by the reports module; grows with the responses: distributed, colocated.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_notices')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull().check(sql`recipient_kind in ('response', 'participant')`))
    // A response's id, or a participant's user id.
    .addColumn('recipient_id', 'uuid', (c) => c.notNull())
    // The published version the notice was sent for. No foreign key on purpose: the ledger outlives
    // a version (a notice is sent once per consultation, whatever is republished), and a check on
    // report_versions' key would plan on its (consultation_id, number) index.
    .addColumn('report_id', 'uuid', (c) => c.notNull())
    .addColumn('mail_id', 'uuid')
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('report_notices_pkey', ['consultation_id', 'recipient_kind', 'recipient_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_notices').execute();
}
