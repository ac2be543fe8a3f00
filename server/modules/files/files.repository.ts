import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';

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
 * Stores the text and its search vector: Danish and English stems (PostgreSQL's `danish` and
 * `english` configurations) at weight D, so attachment hits rank below a response's own text.
 * Only the first `indexChars` characters are indexed (a tsvector is limited to 1 MB).
 */
export async function storeExtractedText(db: Db, consultationId: string, id: string, text: string, indexChars: number) {
  await sql`
    update attachments a
       set extracted_text = t.txt,
           extraction_status = 'done',
           extraction_error = null,
           text_search = setweight(to_tsvector('danish', left(t.txt, ${indexChars})), 'D')
                      || setweight(to_tsvector('english', left(t.txt, ${indexChars})), 'D')
      from (select ${text}::text as txt) t
     where a.consultation_id = ${consultationId} and a.id = ${id}`.execute(db);
}

/** `exists (…)`: some attachment of the response row aliased `alias` matches the tsquery. */
export function attachmentTextMatch(alias: string, tsquery: RawBuilder<unknown>) {
  return sql<boolean>`exists (select 1 from attachments att
     where att.consultation_id = ${sql.ref(`${alias}.consultation_id`)}
       and att.response_id = ${sql.ref(`${alias}.id`)}
       and att.text_search @@ ${tsquery})`;
}

// U+0002/U+0003 mark the hits: extracted text never contains control characters, so the service
// can escape the fragment as plain text and then turn only these into <mark> elements.
const HEADLINE_OPTIONS = 'StartSel=\u0002, StopSel=\u0003, MaxFragments=2, MaxWords=25, MinWords=8';

export async function headlines(
  db: Db,
  v: {
    consultationId: string;
    responseIds: readonly string[];
    tsquery: RawBuilder<unknown>;
    config: 'danish' | 'english';
    maxChars: number;
  },
) {
  if (v.responseIds.length === 0) return [];
  const config = sql.lit(v.config);
  return db
    .selectFrom('attachments')
    .select(['id', 'responseId', 'filename'])
    .select(
      sql<string>`ts_headline(${config}::regconfig, left(extracted_text, ${v.maxChars}), ${v.tsquery}, ${HEADLINE_OPTIONS})`.as(
        'snippet',
      ),
    )
    .where('consultationId', '=', v.consultationId)
    .where('responseId', 'in', [...v.responseIds])
    .where(sql<boolean>`text_search @@ ${v.tsquery}`)
    .orderBy('responseId')
    .orderBy('id')
    .execute();
}
