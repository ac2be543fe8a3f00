import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite.
// Issue 12, story 2: personal data found before anything is published. Owned by the analysis
// module (analysis/privacy). The scanner's findings and the staff's hand-marked passages are one
// redaction queue; each is decided (accepted = redacted where the public can see it, rejected = not
// personal data) with a reason. Offsets count code points, as substr does, so the database cuts the
// same characters as the service (privacy.rules.ts redact).

// The public text of one field: its accepted redactions replaced by '[…]', merged where they overlap.
const REDACT = sql`
  create function samraad_redact(p_item_kind text, p_item uuid, p_field text, p_text text) returns text
  language plpgsql stable
  as $$
  declare
    out text := '';
    at int := 0;
    f record;
  begin
    if p_text is null then return null; end if;
    for f in select start_offset, end_offset from privacy_findings
              where item_kind = p_item_kind and item_id = p_item and field = p_field and status = 'accepted'
              order by start_offset, end_offset loop
      if f.end_offset <= at then continue; end if;
      if f.start_offset < at and out <> '' then at := f.end_offset; continue; end if;
      out := out || substr(p_text, at + 1, f.start_offset - at) || '[…]';
      at := f.end_offset;
    end loop;
    return out || substr(p_text, at + 1);
  end
  $$`;

// The response's searchable text (migration 20261205060000) as the public may read it: the search
// index is made from the redacted text, so a redacted number cannot be found by searching for it.
const RESPONSE_DOC_REDACTED = sql`
  create or replace function samraad_response_doc(p_consultation uuid, p_response uuid, p_body text) returns text
  language sql stable
  as $$
    select coalesce(string_agg(t, E'\n\n' order by ord), '')
      from (select -1 as ord, samraad_redact('response', p_response, 'body', p_body) as t
            union all
            select q.position, samraad_redact('response', p_response, a.question_id::text, a.value #>> '{}')
              from answers a
              join questions q on q.consultation_id = a.consultation_id and q.id = a.question_id
             where a.consultation_id = p_consultation and a.response_id = p_response
               and q.kind = 'text' and jsonb_typeof(a.value) = 'string') parts
     where btrim(t) <> ''
  $$`;

const RESPONSE_DOC_PLAIN = sql`
  create or replace function samraad_response_doc(p_consultation uuid, p_response uuid, p_body text) returns text
  language sql stable
  as $$
    select coalesce(string_agg(t, E'\n\n' order by ord), '')
      from (select -1 as ord, p_body as t
            union all
            select q.position, a.value #>> '{}'
              from answers a
              join questions q on q.consultation_id = a.consultation_id and q.id = a.question_id
             where a.consultation_id = p_consultation and a.response_id = p_response
               and q.kind = 'text' and jsonb_typeof(a.value) = 'string') parts
     where btrim(t) <> ''
  $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_findings')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('item_kind', 'text', (c) => c.notNull().check(sql`item_kind in ('response', 'comment', 'attachment')`))
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    // The response a finding holds back from publication (the response itself, or the one an attachment belongs to).
    .addColumn('response_id', 'uuid')
    // 'body', a question's id (a free-text answer), or 'text' (a comment's body, an attachment's extracted text).
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('cpr', 'email', 'phone', 'own_name', 'own_email', 'manual')`),
    )
    .addColumn('start_offset', 'integer', (c) => c.notNull().check(sql`start_offset >= 0`))
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'accepted', 'rejected')`),
    )
    .addColumn('reason', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('privacy_findings_span_check', sql`end_offset > start_offset`)
    // Keyed by consultation, like every high-volume table (README: Citus).
    .addPrimaryKeyConstraint('privacy_findings_pkey', ['consultation_id', 'id'])
    .execute();
  // One finding per passage: a re-scan adds only what is new.
  await sql`create unique index privacy_findings_passage_key
              on privacy_findings (consultation_id, item_kind, item_id, field, start_offset, end_offset)`.execute(db);
  await sql`create index privacy_findings_queue_idx on privacy_findings (consultation_id, status, created_at, id)`.execute(
    db,
  );
  await sql`create index privacy_findings_response_idx on privacy_findings (response_id, status) where response_id is not null`.execute(
    db,
  );

  // What the scanner has read, by its source stamp (a changed item is scanned again).
  await db.schema
    .createTable('privacy_scanned')
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('stamp', 'text', (c) => c.notNull())
    // A file's text was still being extracted: the item is scanned again until it is not.
    .addColumn('awaiting_text', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('scanned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('privacy_scanned_pkey', ['consultation_id', 'item_kind', 'item_id'])
    .execute();
  // The scanner asks for a batch's stamps by item, across consultations.
  await sql`create index privacy_scanned_item_idx on privacy_scanned (item_kind, item_id)`.execute(db);
  await sql`create index privacy_scanned_awaiting_idx on privacy_scanned (scanned_at) where awaiting_text`.execute(db);

  // Where the scanner is in the audit log (one row; locked with SKIP LOCKED, one scanner at a time).
  await db.schema
    .createTable('privacy_scan_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('audit_after_at', 'timestamptz')
    .addColumn('audit_after_id', 'uuid')
    .addColumn('walk_kind', 'text', (c) => c.check(sql`walk_kind in ('response', 'comment')`))
    .addColumn('walk_after_consultation', 'uuid')
    .addColumn('walk_after_id', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into privacy_scan_state (id) values (1)`.execute(db);

  await REDACT.execute(db);
  await RESPONSE_DOC_REDACTED.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await RESPONSE_DOC_PLAIN.execute(db);
  await sql`drop function samraad_redact(text, uuid, text, text)`.execute(db);
  await db.schema.dropTable('privacy_scan_state').execute();
  await db.schema.dropTable('privacy_scanned').execute();
  await db.schema.dropTable('privacy_findings').execute();
}
