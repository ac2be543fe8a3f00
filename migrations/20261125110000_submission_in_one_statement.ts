import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM).
// Issue #4 (speed): a hearing response is written by one statement, and mail leaves through the outbox.

export async function up(db: Kysely<any>): Promise<void> {
  // What a submission was checked against: the consultation's version and the microsecond of its last
  // change. Every change that matters to a submission (window, phase, questionnaire, scenario status)
  // bumps one of the two, so "same stamp" means "same rules".
  await sql`
    create function samraad_consultation_stamp(version integer, updated_at timestamptz) returns text
    language sql immutable parallel safe
    as $$ select version::text || ':' || ((extract(epoch from updated_at) * 1000000)::bigint)::text $$`.execute(db);

  // Any change to a consultation row changes its stamp, whoever makes it (the app, a migration, an
  // operator in psql): the database keeps `updated_at` true, not each UPDATE statement.
  await sql`
    create function samraad_touch_updated_at() returns trigger language plpgsql as $$
    begin
      new.updated_at := clock_timestamp();
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger consultations_touch_updated_at before update on consultations
    for each row execute function samraad_touch_updated_at()`.execute(db);

  // Called from inside the submission statement, once per consultation, before anything is written.
  // It takes the shared half of the questionnaire lock (questions.repository lockConsultation holds the
  // exclusive half) and only then reads the consultation: a volatile function's query takes a fresh
  // snapshot, so a change that committed while the statement waited for the lock is seen ('stale':
  // the server reloads and checks again), never missed. The window and the phase were checked by the
  // server against the same stamp, so 'ok' means they still hold.
  await sql`
    create function samraad_submission_guard(p_consultation uuid, p_stamp text) returns text
    language plpgsql volatile
    as $$
    declare
      current_stamp text;
    begin
      perform pg_advisory_xact_lock_shared(hashtextextended(p_consultation::text, 0));
      select samraad_consultation_stamp(version, updated_at) into current_stamp
        from consultations where id = p_consultation;
      if not found then
        return 'missing';
      end if;
      return case when current_stamp = p_stamp then 'ok' else 'stale' end;
    end
    $$`.execute(db);

  // The outbox is the mail queue: a relay claims due rows (SKIP LOCKED, so several instances never
  // send one mail twice), and a claim is a lease: a crash mid-send leaves the row due again later.
  await sql`alter table mail_outbox add column next_attempt_at timestamptz not null default now()`.execute(db);
  await sql`
    create index mail_outbox_due_idx on mail_outbox (next_attempt_at)
    where status in ('pending', 'failed')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists mail_outbox_due_idx`.execute(db);
  await sql`alter table mail_outbox drop column if exists next_attempt_at`.execute(db);
  await sql`drop function if exists samraad_submission_guard(uuid, text)`.execute(db);
  await sql`drop trigger if exists consultations_touch_updated_at on consultations`.execute(db);
  await sql`drop function if exists samraad_touch_updated_at()`.execute(db);
  await sql`drop function if exists samraad_consultation_stamp(integer, timestamptz)`.execute(db);
}
