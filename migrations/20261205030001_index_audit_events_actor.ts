import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite.
//
// The audit log filters by who (issue 10, item 17): one account's events, newest first, read as a
// walk down this index instead of a scan of the whole log.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_events_actor_idx on audit_events (actor_id, occurred_at, id) where actor_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists audit_events_actor_idx`.execute(db);
}
