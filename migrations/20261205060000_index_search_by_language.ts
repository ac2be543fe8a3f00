import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite.
// Issue #10 item 10: every text was indexed with both the Danish and the English stemmer, so a
// Danish query matched English words (`hoster` → "Cloud hosting"), and a hit could be highlighted
// in the other language with nothing marked. Each text is now indexed in its own language, and
// the search matches each text only with the query made in that language.

// Stop-word counting, with PostgreSQL's own lists: each configuration drops its own stop words,
// so the one that keeps fewer word positions of the first 5,000 characters names the language.
// A tie (too short to tell, e.g. "Ja.") keeps the fallback: the form's language, else Danish.
const TEXT_LANGUAGE = sql`
  create function samraad_text_language(p_doc text, p_fallback text) returns text
  language sql immutable parallel safe
  as $$
    select case when da < en then 'danish' when en < da then 'english'
                else coalesce(p_fallback, 'danish') end
      from (select (select coalesce(sum(array_length(positions, 1)), 0)
                      from unnest(to_tsvector('danish', left(coalesce(p_doc, ''), 5000)))) as da,
                   (select coalesce(sum(array_length(positions, 1)), 0)
                      from unnest(to_tsvector('english', left(coalesce(p_doc, ''), 5000)))) as en) kept
  $$`;

// A response's searchable text: the body and the free-text answers, in questionnaire order (as before).
const RESPONSE_DOC = sql`
  create function samraad_response_doc(p_consultation uuid, p_response uuid, p_body text) returns text
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

// Still made on approval only, by the database: the submission path does not stem anything.
const TRIGGER_BY_LANGUAGE = sql`
  create or replace function samraad_responses_search() returns trigger language plpgsql as $$
  declare
    doc text;
    lang text;
  begin
    if new.status = 'submitted' and new.publication_status = 'approved' then
      doc := samraad_response_doc(new.consultation_id, new.id, new.body);
      lang := samraad_text_language(doc, case when new.locale = 'en' then 'english' else 'danish' end);
      new.search_language := lang;
      new.search := to_tsvector(lang::regconfig, doc);
    else
      new.search_language := null;
      new.search := null;
    end if;
    return new;
  end
  $$`;

const TRIGGER_BOTH = sql`
  create or replace function samraad_responses_search() returns trigger language plpgsql as $$
  begin
    new.search := case when new.status = 'submitted' and new.publication_status = 'approved'
                       then samraad_response_search(new.consultation_id, new.id, new.body) end;
    return new;
  end
  $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table responses add column search_language text
      constraint responses_search_language_check check (search_language in ('danish', 'english'))`.execute(db);
  await sql`
    alter table attachments add column text_language text
      constraint attachments_text_language_check check (text_language in ('danish', 'english'))`.execute(db);
  await TEXT_LANGUAGE.execute(db);
  await RESPONSE_DOC.execute(db);
  await TRIGGER_BY_LANGUAGE.execute(db);

  // Re-index what is searchable now, each text in its own language (the trigger fires on
  // status, publication_status and body only, so this update does not run it).
  await sql`
    update responses r
       set search_language = x.lang, search = to_tsvector(x.lang::regconfig, x.doc)
      from (select d.consultation_id, d.id, d.doc,
                   samraad_text_language(d.doc, case when d.locale = 'en' then 'english' else 'danish' end) as lang
              from (select consultation_id, id, locale, samraad_response_doc(consultation_id, id, body) as doc
                      from responses where search is not null) d) x
     where r.consultation_id = x.consultation_id and r.id = x.id`.execute(db);
  // Attachments: the language of their text, and the vector at weight D in it (a tsvector is limited
  // to 1 MB: text too long for one is indexed from its first 50,000 characters, as the job does).
  await sql`
    update attachments
       set text_language = samraad_text_language(extracted_text, 'danish')
     where extracted_text is not null`.execute(db);
  await sql`
    do $$
    declare a record;
    begin
      for a in select consultation_id, id from attachments where extracted_text is not null loop
        begin
          update attachments set text_search = setweight(to_tsvector(text_language::regconfig, extracted_text), 'D')
           where consultation_id = a.consultation_id and id = a.id;
        exception when program_limit_exceeded then
          update attachments
             set text_search = setweight(to_tsvector(text_language::regconfig, left(extracted_text, 50000)), 'D')
           where consultation_id = a.consultation_id and id = a.id;
        end;
      end loop;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await TRIGGER_BOTH.execute(db);
  await sql`
    update responses set search = samraad_response_search(consultation_id, id, body) where search is not null`.execute(
    db,
  );
  await sql`
    update attachments
       set text_search = setweight(to_tsvector('danish', left(extracted_text, 50000)), 'D')
                      || setweight(to_tsvector('english', left(extracted_text, 50000)), 'D')
     where extracted_text is not null`.execute(db);
  await sql`drop function samraad_response_doc(uuid, uuid, text)`.execute(db);
  await sql`drop function samraad_text_language(text, text)`.execute(db);
  await sql`alter table attachments drop column text_language`.execute(db);
  await sql`alter table responses drop column search_language`.execute(db);
}
