import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Localized } from '../../db/schema.ts';
import type { ItStage, Phase } from './consultations.rules.ts';
import { displayNameOf } from '../accounts/accounts.fragments.ts';
import { scenarioCountOf } from '../scenarios/scenarios.fragments.ts';

const scenarioCount = scenarioCountOf('consultations.id');
// The list's cursor key, to the microsecond (a JS Date would cut it to milliseconds; see shared/cursor.ts).
const createdAtKey = sql<string>`to_char(consultations.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function listConsultations(
  db: Db,
  f: { phases: readonly Phase[]; after?: [string, string] | undefined; limit: number },
) {
  let q = db
    .selectFrom('consultations')
    .selectAll()
    .select([scenarioCount.as('scenarioCount'), createdAtKey.as('cursorKey')])
    .where('phase', 'in', [...f.phases]);
  if (f.after) {
    const [at, id] = f.after;
    q = q.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  return q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export async function findConsultation(db: Db, idOrSlug: string, opts: { forUpdate?: boolean } = {}) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  let q = db
    .selectFrom('consultations')
    .selectAll()
    .select(scenarioCount.as('scenarioCount'))
    .where(isUuid ? 'id' : 'slug', '=', idOrSlug);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listDocuments(db: Db, consultationId: string) {
  return db
    .selectFrom('consultationDocuments')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .orderBy('position')
    .execute();
}

export async function listPhaseChanges(db: Db, consultationId: string) {
  return db
    .selectFrom('consultationPhaseChanges')
    .select([
      'consultationPhaseChanges.fromPhase',
      'consultationPhaseChanges.toPhase',
      'consultationPhaseChanges.changedAt',
      displayNameOf('consultationPhaseChanges.changedBy').as('displayName'),
    ])
    .where('consultationId', '=', consultationId)
    .orderBy('changedAt')
    .execute();
}

export async function insertConsultation(
  db: Db,
  v: {
    slug: string;
    title: Localized;
    summary: Localized;
    body: Localized;
    languages: ('da' | 'en')[];
    opensAt: string | null;
    closesAt: string | null;
    itStage: ItStage;
    createdBy: string | null;
    phase?: Phase;
  },
) {
  return db
    .insertInto('consultations')
    .values({
      ...v,
      title: JSON.stringify(v.title),
      summary: JSON.stringify(v.summary),
      body: JSON.stringify(v.body),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateConsultation(
  db: Db,
  id: string,
  expectedVersion: number,
  v: Partial<{
    slug: string;
    title: Localized;
    summary: Localized;
    body: Localized;
    languages: ('da' | 'en')[];
    opensAt: string | null;
    closesAt: string | null;
    itStage: ItStage;
    phase: Phase;
  }>,
) {
  const { title, summary, body, ...rest } = v;
  const res = await db
    .updateTable('consultations')
    .set({
      ...rest,
      ...(title ? { title: JSON.stringify(title) } : {}),
      ...(summary ? { summary: JSON.stringify(summary) } : {}),
      ...(body ? { body: JSON.stringify(body) } : {}),
      version: sql<number>`version + 1`,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertPhaseChange(
  db: Db,
  v: { consultationId: string; fromPhase: Phase; toPhase: Phase; changedBy: string | null },
) {
  await db.insertInto('consultationPhaseChanges').values(v).execute();
}

export async function replaceDocuments(
  db: Db,
  consultationId: string,
  docs: { title: Localized; url: string; mediaType: string | null; sizeBytes: number | null }[],
) {
  await db.deleteFrom('consultationDocuments').where('consultationId', '=', consultationId).execute();
  if (docs.length === 0) return;
  await db
    .insertInto('consultationDocuments')
    .values(
      docs.map((d, i) => ({
        consultationId,
        title: JSON.stringify(d.title),
        url: d.url,
        mediaType: d.mediaType,
        sizeBytes: d.sizeBytes,
        position: i,
      })),
    )
    .execute();
}

/** The few columns that decide whether a cached rendering of a consultation is still current. */
export async function findConsultationStamp(db: Db, idOrSlug: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  return db
    .selectFrom('consultations')
    .select(['id', 'version', 'phase', 'opensAt', 'closesAt', 'updatedAt'])
    .where(isUuid ? 'id' : 'slug', '=', idOrSlug)
    .executeTakeFirst();
}

/** Marks a consultation as changed when something it shows (documents, scenario count) changed. */
export async function touchConsultation(db: Db, id: string) {
  await db
    .updateTable('consultations')
    .set({ updatedAt: sql<Date>`clock_timestamp()` })
    .where('id', '=', id)
    .execute();
}

/** Publishes (now, keeping an earlier time) or withdraws the ranking results; returns the new state. */
export async function setResultsPublished(db: Db, consultationId: string, publish: boolean) {
  return db
    .updateTable('consultations')
    .set({ resultsPublishedAt: publish ? sql<Date>`coalesce(results_published_at, now())` : null })
    .where('id', '=', consultationId)
    .returning(['id', 'resultsPublishedAt'])
    .executeTakeFirstOrThrow();
}

/** Titles of several consultations by id, for other modules' listings (the audit log). */
export async function listConsultationTitles(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('consultations').select(['id', 'title']).where('id', 'in', ids).execute();
}
