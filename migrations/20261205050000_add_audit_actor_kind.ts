import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM).
//
// Who acted, when it was no account: an edit or withdrawal through a respondent's private edit link
// is the respondent's own, not the system's (issue 10 item 1). Older rows keep null: an account when
// actor_id is set, else the system. The table is append-only, so nothing is back-filled.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events add column actor_kind text`.execute(db);
  await sql`
    alter table audit_events add constraint audit_events_actor_kind_check
      check (actor_kind in ('account', 'respondent', 'system'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events drop constraint audit_events_actor_kind_check`.execute(db);
  await sql`alter table audit_events drop column actor_kind`.execute(db);
}
