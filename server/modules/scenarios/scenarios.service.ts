import type { Db } from '../../db/database.ts';
import type { Localized } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, forbidden, notFound, pgConstraint, pgErrorCode } from '../../shared/errors.ts';
import { Lru } from '../../shared/lru.ts';
import { type Paragraph, splitLocalizedParagraphs } from '../../shared/markdown.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireReadableConsultation, touchConsultation } from '../consultations/consultations.service.ts';
import { canScenario } from './scenarios.policy.ts';
import * as repo from './scenarios.repository.ts';
import { allowedStatusChanges, checkOrder, checkStatusChange } from './scenarios.rules.ts';
import type {
  CreateScenarioInput,
  Scenario,
  ScenarioSummary,
  StatusInput,
  UpdateScenarioInput,
} from './scenarios.schemas.ts';

type Row = Awaited<ReturnType<typeof repo.listScenarios>>[number];
type FullRow = NonNullable<Awaited<ReturnType<typeof repo.findScenario>>>;

const paragraphCache = new Lru<string, { da: Paragraph[]; en: Paragraph[] }>(1000);
function paragraphsOf(scenarioId: string, version: number, d: Localized) {
  const key = `${scenarioId}:${version}`;
  let p = paragraphCache.get(key);
  if (!p) {
    p = splitLocalizedParagraphs(d);
    paragraphCache.set(key, p);
  }
  return p;
}

function toSummary(r: Row): ScenarioSummary {
  return {
    id: r.id,
    consultationId: r.consultationId,
    key: r.key,
    title: r.title,
    summary: r.summary,
    position: r.position,
    status: r.status,
    statusRound: r.statusRound,
    version: r.currentVersion,
  };
}

export async function listScenarios(db: Db, actor: Actor | null, consultationIdOrSlug: string) {
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  return (await repo.listScenarios(db, c.id)).map(toSummary);
}

async function requireReadable(db: Db, actor: Actor | null, id: string): Promise<FullRow> {
  const row = await repo.findScenario(db, id);
  if (!row || !canScenario(actor, 'read', { phase: row.consultationPhase })) throw notFound('Scenario');
  return row;
}

export async function getScenario(db: Db, actor: Actor | null, id: string): Promise<Scenario> {
  const row = await requireReadable(db, actor, id);
  const history = await repo.listStatusChanges(db, id);
  return {
    ...toSummary(row),
    consultationSlug: row.consultationSlug,
    consultationTitle: row.consultationTitle,
    consultationPhase: row.consultationPhase,
    description: row.description,
    paragraphs: paragraphsOf(row.id, row.currentVersion, row.description),
    statusHistory: history.map((h) => ({
      from: h.fromStatus,
      to: h.toStatus,
      round: h.round,
      note: h.note,
      at: h.changedAt.toISOString(),
    })),
    allowedStatusChanges: canScenario(actor, 'status') ? [...allowedStatusChanges(row.status)] : [],
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getScenarioVersion(db: Db, actor: Actor | null, id: string, version: number) {
  await requireReadable(db, actor, id);
  const v = await repo.findVersion(db, id, version);
  if (!v) throw notFound('Version');
  return {
    scenarioId: id,
    version: v.version,
    description: v.description,
    paragraphs: paragraphsOf(id, v.version, v.description),
    createdAt: v.createdAt.toISOString(),
  };
}

function translateWriteError(err: unknown): never {
  if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'scenarios_consultation_key_key') {
    throw new AppError('KEY_TAKEN', 'Another scenario in this consultation has this key');
  }
  if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'scenarios_one_selected_idx') {
    throw new AppError('RULE_VIOLATION', 'Another scenario is already selected in this consultation');
  }
  throw err;
}

export async function createScenario(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  input: CreateScenarioInput,
) {
  if (!canScenario(actor, 'create')) throw forbidden();
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  if (c.phase === 'concluded') throw new AppError('RULE_VIOLATION', 'A concluded consultation is frozen');
  try {
    const id = await db.transaction().execute(async (trx) => {
      const position = await repo.nextPosition(trx, c.id);
      const { id } = await repo.insertScenario(trx, {
        consultationId: c.id,
        key: input.key,
        title: input.title,
        summary: input.summary,
        position,
      });
      await repo.insertVersion(trx, {
        scenarioId: id,
        version: 1,
        description: input.description,
        createdBy: actor?.id ?? null,
      });
      await repo.insertStatusChange(trx, {
        scenarioId: id,
        fromStatus: null,
        toStatus: 'candidate',
        round: 1,
        note: null,
        changedBy: actor?.id ?? null,
      });
      await touchConsultation(trx, c.id);
      await recordAudit(trx, actor, {
        action: 'scenario.create',
        itemType: 'scenario',
        itemId: id,
        consultationId: c.id,
        details: { key: input.key },
      });
      return id;
    });
    return getScenario(db, actor, id);
  } catch (err) {
    translateWriteError(err);
  }
}

/** A changed description becomes a new version; earlier versions stay readable for old comments. */
export async function updateScenario(db: Db, actor: Actor | null, id: string, input: UpdateScenarioInput) {
  if (!canScenario(actor, 'update')) throw forbidden();
  try {
    await db.transaction().execute(async (trx) => {
      const s = await repo.findScenario(trx, id, { forUpdate: true });
      if (!s) throw notFound('Scenario');
      if (s.consultationPhase === 'concluded')
        throw new AppError('RULE_VIOLATION', 'A concluded consultation is frozen');
      const descriptionChanged =
        input.description !== undefined &&
        (input.description.da !== s.description.da || input.description.en !== s.description.en);
      const nextVersion = descriptionChanged ? s.currentVersion + 1 : s.currentVersion;
      if (descriptionChanged) {
        await repo.insertVersion(trx, {
          scenarioId: id,
          version: nextVersion,
          description: input.description!,
          createdBy: actor?.id ?? null,
        });
      }
      await repo.updateScenario(trx, id, {
        ...(input.key ? { key: input.key } : {}),
        ...(input.title ? { title: input.title } : {}),
        ...(input.summary ? { summary: input.summary } : {}),
        currentVersion: nextVersion,
      });
      await recordAudit(trx, actor, {
        action: 'scenario.update',
        itemType: 'scenario',
        itemId: id,
        consultationId: s.consultationId,
        details: { fields: Object.keys(input), ...(descriptionChanged ? { newVersion: nextVersion } : {}) },
      });
    });
  } catch (err) {
    translateWriteError(err);
  }
  return getScenario(db, actor, id);
}

export async function changeStatus(db: Db, actor: Actor | null, id: string, input: StatusInput) {
  if (!canScenario(actor, 'status')) throw forbidden();
  try {
    await db.transaction().execute(async (trx) => {
      const s = await repo.findScenario(trx, id, { forUpdate: true });
      if (!s) throw notFound('Scenario');
      if (s.consultationPhase === 'concluded')
        throw new AppError('RULE_VIOLATION', 'A concluded consultation is frozen');
      const check = checkStatusChange({ status: s.status, round: s.statusRound }, input.status, input.round);
      if (!check.ok) throw new AppError('ILLEGAL_TRANSITION', check.reason, { from: s.status, to: input.status });
      await repo.updateScenario(trx, id, { status: input.status, statusRound: input.round });
      // Which scenarios are still in play decides a required per-scenario scale: a new stamp for submissions.
      await touchConsultation(trx, s.consultationId);
      await repo.insertStatusChange(trx, {
        scenarioId: id,
        fromStatus: s.status,
        toStatus: input.status,
        round: input.round,
        note: input.note ?? null,
        changedBy: actor?.id ?? null,
      });
      await recordAudit(trx, actor, {
        action: 'scenario.status',
        itemType: 'scenario',
        itemId: id,
        consultationId: s.consultationId,
        details: { from: s.status, to: input.status, round: input.round },
      });
    });
  } catch (err) {
    translateWriteError(err);
  }
  return getScenario(db, actor, id);
}

export async function reorderScenarios(db: Db, actor: Actor | null, consultationIdOrSlug: string, ids: string[]) {
  if (!canScenario(actor, 'reorder')) throw forbidden();
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  if (c.phase === 'concluded') throw new AppError('RULE_VIOLATION', 'A concluded consultation is frozen');
  await db.transaction().execute(async (trx) => {
    const existing = (await repo.listScenarios(trx, c.id)).map((s) => s.id);
    const check = checkOrder(existing, ids);
    if (!check.ok) throw new AppError('RULE_VIOLATION', check.reason);
    await repo.setPositions(trx, c.id, ids);
    await recordAudit(trx, actor, {
      action: 'scenario.reorder',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: { order: ids },
    });
  });
  return listScenarios(db, actor, c.id);
}

/**
 * Scenario titles by id, for staff listings in other modules (the audit log names its items).
 * Callers check their own role first; this reads only keys and titles.
 */
export async function scenarioTitles(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { key: string; title: Localized; consultationId: string }>> {
  const rows = await repo.listScenarioTitles(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { key: r.key, title: r.title, consultationId: r.consultationId }]));
}

/**
 * The status history of several scenarios, oldest change first, for the scenario scorecard (issue 14
 * story 2). Callers check the reader's access to the consultation first.
 */
export async function statusHistories(
  db: Db,
  scenarioIds: readonly string[],
): Promise<Map<string, { from: string | null; to: string; round: number; note: string | null; at: string }[]>> {
  const out = new Map<string, { from: string | null; to: string; round: number; note: string | null; at: string }[]>();
  for (const h of await repo.listStatusChangesOf(db, [...new Set(scenarioIds)])) {
    const list = out.get(h.scenarioId) ?? [];
    list.push({ from: h.fromStatus, to: h.toStatus, round: h.round, note: h.note, at: h.changedAt.toISOString() });
    out.set(h.scenarioId, list);
  }
  return out;
}
