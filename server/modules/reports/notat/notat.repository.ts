import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { AgencyAnswer, Localized, ReportStatus } from '../../../db/schema.ts';

/** The høringsnotat's versions (report_versions, issue 14 story 6), and the theme summaries it reads. */

const META = [
  'id',
  'consultationId',
  'number',
  'status',
  'progress',
  'phase',
  'error',
  'note',
  'requestedBy',
  'requestedAt',
  'generatedAt',
  'tookMs',
  'peakRss',
  'publishedBy',
  'publishedAt',
] as const;

export type VersionRow = {
  id: string;
  consultationId: string;
  number: number;
  status: ReportStatus;
  progress: number;
  phase: string;
  error: string | null;
  note: string;
  requestedBy: string | null;
  requestedAt: Date;
  generatedAt: Date | null;
  tookMs: number | null;
  peakRss: string | null;
  publishedBy: string | null;
  publishedAt: Date | null;
};

/** A new version numbered one above the consultation's highest (the unique key settles a race). */
export async function insertVersion(
  db: Db,
  v: { consultationId: string; requestedBy: string; note: string },
): Promise<VersionRow> {
  const r = await sql<VersionRow>`
    insert into report_versions (consultation_id, number, requested_by, note)
    select ${v.consultationId}, coalesce(max(number), 0) + 1, ${v.requestedBy}, ${v.note}
      from report_versions where consultation_id = ${v.consultationId}
    returning id, consultation_id, number, status, progress, phase, error, note, requested_by, requested_at,
              generated_at, took_ms, peak_rss, published_by, published_at`.execute(db);
  return r.rows[0]!;
}

export function listVersions(db: Db, consultationId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('reportVersions')
    .select(META)
    .where('consultationId', '=', consultationId)
    .orderBy('number', 'desc')
    .execute();
}

export function findVersion(db: Db, consultationId: string, number: number) {
  return db
    .selectFrom('reportVersions')
    .select([...META, 'model'])
    .where('consultationId', '=', consultationId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export function findVersionById(db: Db, consultationId: string, id: string) {
  return db
    .selectFrom('reportVersions')
    .select(META)
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findPublished(db: Db, consultationId: string) {
  return db
    .selectFrom('reportVersions')
    .select([...META, 'model'])
    .where('consultationId', '=', consultationId)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/** The published version's facts, without its model. */
export function findPublishedMeta(db: Db, consultationId: string) {
  return db
    .selectFrom('reportVersions')
    .select(META)
    .where('consultationId', '=', consultationId)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/** Takes a version still generating for its job (a re-run after a crash starts it again). */
export async function setProgress(db: Db, consultationId: string, id: string, progress: number, phase: string) {
  await db
    .updateTable('reportVersions')
    .set({ progress, phase })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('status', '=', 'generating')
    .execute();
}

export async function finishVersion(
  db: Db,
  consultationId: string,
  id: string,
  v: { model: string; tookMs: number; peakRss: number },
): Promise<boolean> {
  const r = await db
    .updateTable('reportVersions')
    .set({
      status: 'draft',
      progress: 1,
      phase: 'done',
      model: v.model,
      tookMs: v.tookMs,
      peakRss: v.peakRss,
      generatedAt: sql<Date>`now()`,
      error: null,
    })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('status', '=', 'generating')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function failVersion(db: Db, consultationId: string, id: string, error: string) {
  await db
    .updateTable('reportVersions')
    .set({ status: 'failed', error })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('status', '=', 'generating')
    .execute();
}

/** The published version becomes superseded, this one published; false when it may not be. */
export async function publishVersion(db: Db, consultationId: string, id: string, by: string): Promise<boolean> {
  await db
    .updateTable('reportVersions')
    .set({ status: 'superseded' })
    .where('consultationId', '=', consultationId)
    .where('status', '=', 'published')
    .where('id', '<>', id)
    .execute();
  const r = await db
    .updateTable('reportVersions')
    .set({ status: 'published', publishedBy: by, publishedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('status', 'in', ['draft', 'superseded'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function hasPublished(db: Db, consultationId: string): Promise<boolean> {
  const r = await db
    .selectFrom('reportVersions')
    .select('id')
    .where('consultationId', '=', consultationId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return !!r;
}

export type SummaryForReport = {
  tagId: string;
  answer: AgencyAnswer | null;
  answerReason: Localized;
  changeMade: Localized;
  sentences: { text: Localized; codingIds: string[] }[];
};

/**
 * The theme summaries as the analysts wrote them (story 5, owned by summaries/): each with its
 * sentences in order and the coded passages each cites. Read only.
 */
export async function summariesForReport(db: Db, consultationId: string): Promise<Map<string, SummaryForReport>> {
  const [summaries, sentences, citations] = await Promise.all([
    db
      .selectFrom('themeSummaries')
      .select(['id', 'tagId', 'answer', 'answerReason', 'changeMade'])
      .where('consultationId', '=', consultationId)
      .execute(),
    db
      .selectFrom('themeSummarySentences')
      .select(['summaryId', 'position', 'text'])
      .where('consultationId', '=', consultationId)
      .orderBy('summaryId')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('themeSummaryCitations')
      .select(['summaryId', 'position', 'codingId'])
      .where('consultationId', '=', consultationId)
      .orderBy('codingId')
      .execute(),
  ]);
  const cites = new Map<string, string[]>();
  for (const c of citations) {
    const key = `${c.summaryId}:${c.position}`;
    cites.set(key, [...(cites.get(key) ?? []), c.codingId]);
  }
  const out = new Map<string, SummaryForReport>();
  for (const s of summaries) {
    out.set(s.tagId, {
      tagId: s.tagId,
      answer: s.answer,
      answerReason: s.answerReason,
      changeMade: s.changeMade,
      sentences: sentences
        .filter((x) => x.summaryId === s.id)
        .map((x) => ({ text: x.text as Localized, codingIds: cites.get(`${s.id}:${x.position}`) ?? [] })),
    });
  }
  return out;
}
