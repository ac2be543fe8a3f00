import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM).
// Issue #4 (speed): what a submission makes PostgreSQL do, measured with perf under `npm run bench`.

// Measured on 300,000 hashes: the old `~ '^[0-9a-f]{64}$'` 5.6 µs each, translate() 2.8 µs, this 0.3 µs.
const HEX64 = (col: string) => sql.raw(`octet_length(${col}) = 64 and ${col} !~ '[^0-9a-f]'`);

export async function up(db: Kysely<any>): Promise<void> {
  // 1. The publication queue's index (consultation_id, publication_status, submitted_at, id) also
  // matched the foreign-key checks of answers and response versions ("consultation_id = $1 and
  // id = $2"). On a table the planner believed small (a new consultation, before autovacuum's first
  // ANALYZE) it cost the same as the primary key, and a pooled connection kept that plan: every
  // check then read all of the consultation's entries — half of PostgreSQL's time in the bench.
  // Partial on what the queue always asks, it can serve only the queue.
  await sql`drop index responses_queue_idx`.execute(db);
  await sql`
    create index responses_queue_idx on responses (consultation_id, publication_status, submitted_at, id)
    where status = 'submitted' and consent <> 'not_public'`.execute(db);
  // The same trap in the debate: (consultation_id, parent_id) was chosen for the checks of replies and
  // supports against their comment, reading a consultation's comments each time. Replies are looked
  // up by a parent (never null), so the index needs no top-level comments and no longer fits the key.
  await sql`drop index comments_parent_idx`.execute(db);
  await sql`
    create index comments_parent_idx on comments (consultation_id, parent_id) where parent_id is not null`.execute(db);

  // 2. The search vector serves only the public list, which shows only approved responses. It is
  // made when a response is approved (and dropped when it stops being public), by the database, so
  // no code path can forget it — and a submission no longer stems its text twice or fills the GIN
  // index. Its text: the body and the free-text answers, in questionnaire order.
  await sql`alter table responses alter column search drop not null`.execute(db);
  await sql`
    create function samraad_response_search(p_consultation uuid, p_response uuid, p_body text) returns tsvector
    language sql stable
    as $$
      select to_tsvector('danish', doc) || to_tsvector('english', doc)
        from (select coalesce(string_agg(t, E'\n\n' order by ord), '') as doc
                from (select -1 as ord, p_body as t
                      union all
                      select q.position, a.value #>> '{}'
                        from answers a
                        join questions q on q.consultation_id = a.consultation_id and q.id = a.question_id
                       where a.consultation_id = p_consultation and a.response_id = p_response
                         and q.kind = 'text' and jsonb_typeof(a.value) = 'string') parts
               where btrim(t) <> '') d
    $$`.execute(db);
  await sql`
    create function samraad_responses_search() returns trigger language plpgsql as $$
    begin
      new.search := case when new.status = 'submitted' and new.publication_status = 'approved'
                         then samraad_response_search(new.consultation_id, new.id, new.body) end;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger responses_search_on_insert before insert on responses
      for each row when (new.publication_status = 'approved') execute function samraad_responses_search()`.execute(db);
  await sql`
    create trigger responses_search_on_update before update of status, publication_status, body on responses
      for each row execute function samraad_responses_search()`.execute(db);
  await sql`
    update responses set search = null
     where search is not null and not (status = 'submitted' and publication_status = 'approved')`.execute(db);
  // GIN keeps an entry even for a null; partial, it holds only what can be found (`search @@ q`
  // implies `search is not null`, so the public search still uses it).
  await sql`drop index responses_search_idx`.execute(db);
  await sql`create index responses_search_idx on responses using gin (search) where search is not null`.execute(db);

  // 3. The same rules without a bounded repeat like {64}, which PostgreSQL's regular-expression
  // engine runs slowly (a tenth of its time per submission).
  for (const [table, col] of [
    ['responses', 'fingerprint'],
    ['responses', 'edit_token_hash'],
    ['responses', 'idempotency_key_hash'],
    ['responses', 'request_hash'],
    ['response_versions', 'fingerprint'],
  ] as const) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.raw(`${table}_${col}_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.raw(`${table}_${col}_check`)} check (${HEX64(col)})`.execute(
      db,
    );
  }
  await sql`alter table responses drop constraint responses_receipt_code_check`.execute(db);
  await sql`
    alter table responses add constraint responses_receipt_code_check check (
      octet_length(receipt_code) = 12 and substr(receipt_code, 5, 1) = '-' and substr(receipt_code, 10, 1) = '-'
      and octet_length(replace(receipt_code, '-', '')) = 10 and receipt_code !~ '[^0-9A-HJKMNP-TV-Z-]')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table responses drop constraint responses_receipt_code_check`.execute(db);
  await sql`
    alter table responses add constraint responses_receipt_code_check
      check (receipt_code ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$')`.execute(db);
  for (const [table, col] of [
    ['responses', 'fingerprint'],
    ['responses', 'edit_token_hash'],
    ['responses', 'idempotency_key_hash'],
    ['responses', 'request_hash'],
    ['response_versions', 'fingerprint'],
  ] as const) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.raw(`${table}_${col}_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.raw(`${table}_${col}_check`)} check (${sql.raw(`${col} ~ '^[0-9a-f]{64}$'`)})`.execute(
      db,
    );
  }

  await sql`drop index responses_search_idx`.execute(db);
  await sql`create index responses_search_idx on responses using gin (search)`.execute(db);
  // Every response gets its vector back, as the old code made it at submission.
  await sql`
    update responses set search = samraad_response_search(consultation_id, id, body) where search is null`.execute(db);
  await sql`alter table responses alter column search set not null`.execute(db);
  await sql`drop trigger responses_search_on_update on responses`.execute(db);
  await sql`drop trigger responses_search_on_insert on responses`.execute(db);
  await sql`drop function samraad_responses_search()`.execute(db);
  await sql`drop function samraad_response_search(uuid, uuid, text)`.execute(db);

  await sql`drop index comments_parent_idx`.execute(db);
  await sql`create index comments_parent_idx on comments (consultation_id, parent_id)`.execute(db);
  await sql`drop index responses_queue_idx`.execute(db);
  await sql`
    create index responses_queue_idx on responses (consultation_id, publication_status, submitted_at, id)`.execute(db);
}
