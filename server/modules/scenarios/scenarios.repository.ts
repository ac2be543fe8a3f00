import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Localized } from '../../db/schema.ts';
import type { ScenarioStatus } from './scenarios.rules.ts';
import { consultationOf } from '../consultations/consultations.fragments.ts';

export async function listScenarios(db: Db, consultationId: string) {
  return db
    .selectFrom('scenarios')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .orderBy('position')
    .orderBy('key')
    .execute();
}

export async function findScenario(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('scenarios')
    .innerJoin('scenarioVersions', (j) =>
      j
        .onRef('scenarioVersions.scenarioId', '=', 'scenarios.id')
        .onRef('scenarioVersions.version', '=', 'scenarios.currentVersion'),
    )
    .selectAll('scenarios')
    .select([
      'scenarioVersions.description',
      consultationOf.phase('scenarios.consultationId').as('consultationPhase'),
      consultationOf.slug('scenarios.consultationId').as('consultationSlug'),
      consultationOf.title('scenarios.consultationId').as('consultationTitle'),
    ])
    .where('scenarios.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate(['scenarios']);
  return q.executeTakeFirst();
}

export async function findVersion(db: Db, scenarioId: string, version: number) {
  return db
    .selectFrom('scenarioVersions')
    .selectAll()
    .where('scenarioId', '=', scenarioId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listStatusChanges(db: Db, scenarioId: string) {
  return db
    .selectFrom('scenarioStatusChanges')
    .selectAll()
    .where('scenarioId', '=', scenarioId)
    .orderBy('changedAt')
    .execute();
}

/** The status changes of several scenarios in one read (the scorecard's comparison). */
export async function listStatusChangesOf(db: Db, scenarioIds: readonly string[]) {
  if (scenarioIds.length === 0) return [];
  return db
    .selectFrom('scenarioStatusChanges')
    .selectAll()
    .where('scenarioId', 'in', [...scenarioIds])
    .orderBy('scenarioId')
    .orderBy('changedAt')
    .execute();
}

export async function nextPosition(db: Db, consultationId: string) {
  const row = await db
    .selectFrom('scenarios')
    .select(sql<number>`coalesce(max(position), -1) + 1`.as('next'))
    .where('consultationId', '=', consultationId)
    .executeTakeFirstOrThrow();
  return Number(row.next);
}

export async function insertScenario(
  db: Db,
  v: { consultationId: string; key: string; title: Localized; summary: Localized; position: number },
) {
  return db
    .insertInto('scenarios')
    .values({ ...v, title: JSON.stringify(v.title), summary: JSON.stringify(v.summary) })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function insertVersion(
  db: Db,
  v: { scenarioId: string; version: number; description: Localized; createdBy: string | null },
) {
  await db
    .insertInto('scenarioVersions')
    .values({ ...v, description: JSON.stringify(v.description) })
    .execute();
}

export async function updateScenario(
  db: Db,
  id: string,
  v: Partial<{
    key: string;
    title: Localized;
    summary: Localized;
    currentVersion: number;
    status: ScenarioStatus;
    statusRound: number;
    position: number;
  }>,
) {
  const { title, summary, ...rest } = v;
  await db
    .updateTable('scenarios')
    .set({
      ...rest,
      ...(title ? { title: JSON.stringify(title) } : {}),
      ...(summary ? { summary: JSON.stringify(summary) } : {}),
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertStatusChange(
  db: Db,
  v: {
    scenarioId: string;
    fromStatus: ScenarioStatus | null;
    toStatus: ScenarioStatus;
    round: number;
    note: string | null;
    changedBy: string | null;
  },
) {
  await db.insertInto('scenarioStatusChanges').values(v).execute();
}

/** Rewrites positions in one statement, so a concurrent reader never sees a half-done order. */
export async function setPositions(db: Db, consultationId: string, ids: readonly string[]) {
  await sql`
    update scenarios s set position = o.ord - 1, updated_at = now()
    from unnest(${sql.val([...ids])}::uuid[]) with ordinality as o(id, ord)
    where s.id = o.id and s.consultation_id = ${consultationId}`.execute(db);
}

/** Titles of several scenarios by id, for other modules' listings (the audit log). */
export async function listScenarioTitles(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('scenarios').select(['id', 'key', 'title', 'consultationId']).where('id', 'in', ids).execute();
}
