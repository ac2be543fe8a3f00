import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite.
// samraad_redact (migration 20261208010000) read a field's accepted redactions by item alone: the
// findings' keys begin with the consultation, so each call scanned the consultation-less way (every
// finding, for every response and answer a public search highlights or the trigger indexes), and under
// Citus it asked every shard. It now takes the consultation, and reads the findings by their key.

// The function before and after: the same walk over a field's accepted redactions, found by item
// (before) or by consultation and item (after).
const redact = (params: string, where: string) => sql`
  create function samraad_redact(${sql.raw(params)}) returns text
  language plpgsql stable
  as $$
  declare
    out text := '';
    at int := 0;
    f record;
  begin
    if p_text is null then return null; end if;
    for f in select start_offset, end_offset from privacy_findings
              where ${sql.raw(where)} and status = 'accepted'
              order by start_offset, end_offset loop
      if f.end_offset <= at then continue; end if;
      if f.start_offset < at and out <> '' then at := f.end_offset; continue; end if;
      out := out || substr(p_text, at + 1, f.start_offset - at) || '[…]';
      at := f.end_offset;
    end loop;
    return out || substr(p_text, at + 1);
  end
  $$`;
const REDACT = redact(
  'p_consultation uuid, p_item_kind text, p_item uuid, p_field text, p_text text',
  'consultation_id = p_consultation and item_kind = p_item_kind and item_id = p_item and field = p_field',
);
const REDACT_BEFORE = redact(
  'p_item_kind text, p_item uuid, p_field text, p_text text',
  'item_kind = p_item_kind and item_id = p_item and field = p_field',
);

// The response's searchable text as the public may read it (migration 20261208010000), by consultation.
const responseDoc = (redact: (field: string, text: string) => string) => sql`
  create or replace function samraad_response_doc(p_consultation uuid, p_response uuid, p_body text) returns text
  language sql stable
  as $$
    select coalesce(string_agg(t, E'\\n\\n' order by ord), '')
      from (select -1 as ord, ${sql.raw(redact("'body'", 'p_body'))} as t
            union all
            select q.position, ${sql.raw(redact('a.question_id::text', "a.value #>> '{}'"))}
              from answers a
              join questions q on q.consultation_id = a.consultation_id and q.id = a.question_id
             where a.consultation_id = p_consultation and a.response_id = p_response
               and q.kind = 'text' and jsonb_typeof(a.value) = 'string') parts
     where btrim(t) <> ''
  $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await REDACT.execute(db);
  await responseDoc(
    (field, text) => `samraad_redact(p_consultation, 'response', p_response, ${field}, ${text})`,
  ).execute(db);
  await sql`drop function samraad_redact(text, uuid, text, text)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await REDACT_BEFORE.execute(db);
  await responseDoc((field, text) => `samraad_redact('response', p_response, ${field}, ${text})`).execute(db);
  await sql`drop function samraad_redact(uuid, text, uuid, text, text)`.execute(db);
}
