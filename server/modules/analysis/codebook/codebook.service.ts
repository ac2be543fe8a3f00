import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError, notFound } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { listScenarios } from '../../scenarios/scenarios.service.ts';
import { refused, requireWorkspace } from '../analysis.service.ts';
import * as repo from './codebook.repository.ts';
import { checkCreate, checkMove, MAX_DEPTH, placeAt, type TreeCheck, treeOrder } from './codebook.rules.ts';
import type { Codebook, CodebookTag, CreateTagInput, MoveTagInput, UpdateTagInput } from './codebook.schemas.ts';

type Row = repo.TagRow;
type Counts = Awaited<ReturnType<typeof repo.countCodings>>;

function toTag(r: Row & { depth: number }, counts: Counts): CodebookTag {
  const n = counts.get(r.id);
  return {
    id: r.id,
    consultationId: r.consultationId,
    parentId: r.parentId,
    name: r.name,
    definition: r.definition,
    includeNote: r.includeNote,
    excludeNote: r.excludeNote,
    example: r.example,
    scenarioId: r.scenarioId,
    position: r.position,
    depth: r.depth,
    archived: r.archivedAt !== null,
    archivedAt: r.archivedAt?.toISOString() ?? null,
    mergedIntoId: r.mergedIntoId,
    version: r.version,
    codingCount: n?.confirmed ?? 0,
    proposedCount: n?.proposed ?? 0,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function getCodebook(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  opts: { archived: boolean },
): Promise<Codebook> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'read');
  const [rows, counts] = await Promise.all([repo.listTags(db, c.id, opts), repo.countCodings(db, c.id)]);
  return { consultationId: c.id, maxDepth: MAX_DEPTH, tags: treeOrder(rows).map((r) => toTag(r, counts)) };
}

/** One tag as the codebook lists it (its depth comes from the whole tree). */
export async function readTag(db: Db, id: string): Promise<CodebookTag> {
  const tag = await repo.findTag(db, id);
  if (!tag) throw notFound('Tag');
  const [rows, counts] = await Promise.all([
    repo.listTags(db, tag.consultationId, { archived: true }),
    repo.countCodings(db, tag.consultationId),
  ]);
  return toTag(
    treeOrder(rows).find((r) => r.id === id)!,
    counts,
  );
}

/** A tree rule's refusal: a cycle is a conflict with the tree as it is; the rest is bad input. */
export function treeRefusal(check: Exclude<TreeCheck, { ok: true }>): AppError {
  return refused(check.reason === 'cycle' ? 'CONFLICT' : 'BAD_REQUEST', check.reason, check.message);
}

const otherConsultation = (what: string) =>
  refused('BAD_REQUEST', 'other_consultation', `The ${what} belongs to another consultation`);

/** A tag of this consultation from the locked rows; another consultation's tag is a 400, none a 404. */
export async function tagOf(db: Db, rows: readonly Row[], id: string, what: string): Promise<Row> {
  const row = rows.find((r) => r.id === id);
  if (row) return row;
  if (await repo.findTag(db, id)) throw otherConsultation(what);
  throw notFound(what.charAt(0).toUpperCase() + what.slice(1));
}

async function checkScenario(db: Db, actor: Actor | null, consultationId: string, scenarioId: string | null) {
  if (scenarioId === null) return;
  const scenarios = await listScenarios(db, actor, consultationId);
  if (!scenarios.some((s) => s.id === scenarioId)) throw otherConsultation('scenario');
}

export function checkVersion(tag: { version: number }, version: number) {
  if (tag.version !== version) {
    throw new AppError('STALE_VERSION', 'Someone else changed this tag; reload and try again', {
      currentVersion: tag.version,
    });
  }
}

/** Locks the consultation's tags and returns them with the one asked for (404 when it does not exist). */
export async function lockedTag(db: Db, actor: Actor | null, id: string) {
  const found = await repo.findTag(db, id);
  if (!found) throw notFound('Tag');
  await requireWorkspace(db, actor, found.consultationId, 'codebook');
  const rows = await repo.lockTags(db, found.consultationId);
  return { rows, tag: rows.find((r) => r.id === id)!, consultationId: found.consultationId };
}

const siblingsOf = (rows: readonly Row[], parentId: string | null) =>
  rows.filter((r) => r.parentId === parentId).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));

export async function createTag(db: Db, actor: Actor | null, consultationIdOrSlug: string, input: CreateTagInput) {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'codebook');
  await checkScenario(db, actor, c.id, input.scenarioId);
  const id = await db.transaction().execute(async (trx) => {
    const rows = await repo.lockTags(trx, c.id);
    if (input.parentId !== null) {
      const parent = await tagOf(trx, rows, input.parentId, 'parent tag');
      if (parent.archivedAt) throw refused('RULE_VIOLATION', 'archived', 'The parent tag is archived');
    }
    const check = checkCreate(rows, input.parentId);
    if (!check.ok) throw treeRefusal(check);
    const siblings = siblingsOf(rows, input.parentId).map((s) => s.id);
    const [id] = await repo.insertTags(trx, [
      {
        consultationId: c.id,
        parentId: input.parentId,
        name: input.name,
        definition: input.definition ?? '',
        includeNote: input.includeNote ?? '',
        excludeNote: input.excludeNote ?? '',
        example: input.example ?? '',
        scenarioId: input.scenarioId,
        position: siblings.length,
        createdBy: actor?.id ?? null,
      },
    ]);
    if (input.position !== undefined) await repo.setPositions(trx, c.id, placeAt(siblings, id!, input.position));
    await recordAudit(trx, actor, {
      action: 'codebook_tag.create',
      itemType: 'codebook_tag',
      itemId: id!,
      consultationId: c.id,
      details: { parentId: input.parentId, name: input.name },
    });
    return id!;
  });
  return readTag(db, id);
}

export async function updateTag(db: Db, actor: Actor | null, id: string, input: UpdateTagInput) {
  const found = await repo.findTag(db, id);
  if (!found) throw notFound('Tag');
  await requireWorkspace(db, actor, found.consultationId, 'codebook');
  const { version, ...changes } = input;
  if (changes.scenarioId !== undefined) await checkScenario(db, actor, found.consultationId, changes.scenarioId);
  await db.transaction().execute(async (trx) => {
    const tag = (await repo.findTag(trx, id, 'update'))!;
    checkVersion(tag, version);
    await repo.updateTag(trx, id, changes);
    await recordAudit(trx, actor, {
      action: 'codebook_tag.update',
      itemType: 'codebook_tag',
      itemId: id,
      consultationId: tag.consultationId,
      details: { fields: Object.keys(changes) },
    });
  });
  return readTag(db, id);
}

/** Moves a tag (with its sub-tags) under a new parent at a position; the old siblings close the gap. */
export async function moveTag(db: Db, actor: Actor | null, id: string, input: MoveTagInput) {
  await db.transaction().execute(async (trx) => {
    const { rows, tag, consultationId } = await lockedTag(trx, actor, id);
    checkVersion(tag, input.version);
    if (input.parentId !== null) {
      const parent = await tagOf(trx, rows, input.parentId, 'parent tag');
      if (parent.archivedAt && !tag.archivedAt) {
        throw refused('RULE_VIOLATION', 'archived', 'An active tag cannot go under an archived one');
      }
    }
    const check = checkMove(rows, id, input.parentId);
    if (!check.ok) throw treeRefusal(check);
    await repo.updateTag(trx, id, { parentId: input.parentId });
    const before = siblingsOf(rows, tag.parentId).map((s) => s.id);
    if (tag.parentId !== input.parentId)
      await repo.setPositions(
        trx,
        consultationId,
        before.filter((s) => s !== id),
      );
    const after = siblingsOf(rows, input.parentId).map((s) => s.id);
    await repo.setPositions(trx, consultationId, placeAt(after, id, input.position));
    await recordAudit(trx, actor, {
      action: 'codebook_tag.move',
      itemType: 'codebook_tag',
      itemId: id,
      consultationId,
      details: { fromParentId: tag.parentId, toParentId: input.parentId, position: input.position },
    });
  });
  return readTag(db, id);
}

/**
 * For the høringsnotat (issue 14 story 6, read by its background job without an actor): the
 * consultation's active themes in tree order with their depth (0 at the top).
 */
export async function themesForReport(db: Db, consultationId: string) {
  const rows = await repo.listTags(db, consultationId, { archived: false });
  return treeOrder(rows).map((r) => ({
    id: r.id,
    parentId: r.parentId,
    name: r.name,
    depth: r.depth - 1,
    scenarioId: r.scenarioId,
  }));
}
