import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 15 item 5 ("rate limits … are shared by all instances (kept in PostgreSQL, not in process
// memory)"; "session identifiers rotate … on a change of role"). Owned by the accounts module's
// plugins (server/plugins/limits.ts) and sessions.
//
// rate_limits: one row per limited key (route and address, or route and account) with its count in
// the current fixed window. UNLOGGED: a counter lost in a crash costs nothing, and the table is
// written on every limited request, so it skips the write-ahead log.
//
// sessions.roles_key: the account's roles when the session was issued (sorted, comma-separated).
// When they differ from the account's roles now, the next request gets a new session identifier.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unlogged table rate_limits (
    key text primary key,
    hits integer not null,
    window_ends timestamptz not null
  )`.execute(db);
  await sql`create index rate_limits_window_ends_idx on rate_limits (window_ends)`.execute(db);
  await db.schema.alterTable('sessions').addColumn('roles_key', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('roles_key').execute();
  await db.schema.dropTable('rate_limits').execute();
}
