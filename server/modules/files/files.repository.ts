import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { matchInOwnLanguage } from '../../shared/search.ts';

/** All Kysely of the files module; the executor comes first so any call can join a caller's transaction. */

const REF_COLUMNS = ['id', 'consultationId', 'responseId', 'filename', 'mediaType', 'sizeBytes', 'sha256'] as const;

export async function insertAttachment(
  db: Db,
  v: {
    consultationId: string;
    id: string;
    filename: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    extractionStatus: 'pending' | 'skipped';
    uploadedBy: string | null;
    source: 'upload' | 'letter';
  },
) {
  await db.insertInto('attachments').values(v).execute();
}

export async function findAttachment(db: Db, consultationId: string, id: string) {
  return db
    .selectFrom('attachments')
    .select([...REF_COLUMNS, 'storageKey', 'extractionStatus'])
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Locks the rows (in id order, so two claims never deadlock) for the rest of the caller's transaction. */
export async function lockAttachments(db: Db, consultationId: string, ids: readonly string[]) {
  return db
    .selectFrom('attachments')
    .select(REF_COLUMNS)
    .where('consultationId', '=', consultationId)
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function linkAttachments(db: Db, consultationId: string, ids: readonly string[], responseId: string) {
  const res = await db
    .updateTable('attachments')
    .set({ responseId })
    .where('consultationId', '=', consultationId)
    .where('id', 'in', [...ids])
    .where((eb) => eb.or([eb('responseId', 'is', null), eb('responseId', '=', responseId)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function countLinked(db: Db, consultationId: string, responseId: string): Promise<number> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('consultationId', '=', consultationId)
    .where('responseId', '=', responseId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function unlinkAttachments(
  db: Db,
  consultationId: string,
  responseId: string,
  keepIds: readonly string[],
) {
  let q = db
    .updateTable('attachments')
    .set({ responseId: null })
    .where('consultationId', '=', consultationId)
    .where('responseId', '=', responseId);
  if (keepIds.length > 0) q = q.where('id', 'not in', [...keepIds]);
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id);
}

export async function listForResponses(db: Db, consultationId: string, responseIds: readonly string[]) {
  if (responseIds.length === 0) return [];
  return db
    .selectFrom('attachments')
    .select(REF_COLUMNS)
    .where('consultationId', '=', consultationId)
    .where('responseId', 'in', [...responseIds])
    .orderBy('responseId')
    .orderBy('id')
    .execute();
}

export async function markExtraction(
  db: Db,
  consultationId: string,
  id: string,
  v: { status: 'failed' | 'skipped'; error: string | null },
) {
  await db
    .updateTable('attachments')
    .set({ extractionStatus: v.status, extractionError: v.error })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

/**
 * Stores the text and its search vector in the text's own language (detected from its stop words by
 * `samraad_text_language`, migration 20261205060000; Danish when it cannot tell), at weight D, so
 * attachment hits rank below a response's own text. Only the first `indexChars` characters are
 * indexed (a tsvector is limited to 1 MB).
 */
export async function storeExtractedText(db: Db, consultationId: string, id: string, text: string, indexChars: number) {
  await sql`
    update attachments a
       set extracted_text = t.txt,
           extraction_status = 'done',
           extraction_error = null,
           text_language = t.lang,
           text_search = setweight(to_tsvector(t.lang::regconfig, left(t.txt, ${indexChars})), 'D')
      from (select txt, samraad_text_language(txt, 'danish') as lang from (select ${text}::text as txt) s) t
     where a.consultation_id = ${consultationId} and a.id = ${id}`.execute(db);
}

/** `exists (…)`: some attachment of the response row aliased `alias` matches `q` in its own language. */
export function attachmentTextMatch(alias: string, q: string, keep?: (attachmentIdRef: string) => RawBuilder<boolean>) {
  return sql<boolean>`exists (select 1 from attachments att
     where att.consultation_id = ${sql.ref(`${alias}.consultation_id`)}
       and att.response_id = ${sql.ref(`${alias}.id`)}
       and ${keep ? keep('att.id') : sql`true`}
       and ${matchInOwnLanguage(sql.ref('att.text_search'), sql.ref('att.text_language'), q)})`;
}

// U+0002/U+0003 mark the hits: extracted text never contains control characters, so the service
// can escape the fragment as plain text and then turn only these into <mark> elements. A fragment
// of 8 to 25 words around each hit, at most 2, joined by an ellipsis.
const HEADLINE_OPTIONS =
  'StartSel=\u0002, StopSel=\u0003, MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "';

/**
 * Extracted text made readable for a snippet (OCR'd PDFs are full of it: "**~ National ~ Fa~mers"):
 * control, private-use and replacement characters and runs of stray symbols become a space, and
 * every run of white space one space.
 */
const GARBAGE = String.raw`[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ue000-\uf8ff\ufffd]|[~*^_|=<>{}\[\]\\#]+`;
const readable = (text: RawBuilder<unknown>) =>
  sql`regexp_replace(regexp_replace(${text}, ${GARBAGE}, ' ', 'g'), ${String.raw`\s+`}, ' ', 'g')`;

export async function headlines(
  db: Db,
  v: {
    consultationId: string;
    responseIds: readonly string[];
    q: string;
    maxChars: number;
  },
) {
  if (v.responseIds.length === 0) return [];
  // The headline is made in the text's own language with the query in that language, the same
  // pair that matched, so it marks what was found.
  return db
    .selectFrom('attachments')
    .select(['id', 'responseId', 'filename'])
    .select(
      sql<string>`ts_headline(text_language::regconfig, ${readable(sql`left(extracted_text, ${v.maxChars})`)},
        websearch_to_tsquery(text_language::regconfig, ${v.q}), ${HEADLINE_OPTIONS})`.as('snippet'),
    )
    .where('consultationId', '=', v.consultationId)
    .where('responseId', 'in', [...v.responseIds])
    .where(matchInOwnLanguage(sql.ref('text_search'), sql.ref('text_language'), v.q))
    .orderBy('responseId')
    .orderBy('id')
    .execute();
}

/** A response's files with their extracted text and its state (staff: the analysis item view). */
export async function textsOfResponse(db: Db, consultationId: string, responseId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'extractionStatus', 'extractedText'])
    .where('consultationId', '=', consultationId)
    .where('responseId', '=', responseId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}
