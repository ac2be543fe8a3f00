import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { pageOf, readCursor } from '../../shared/cursor.ts';
import { AppError, forbidden, notFound } from '../../shared/errors.ts';
import { renderMarkdown } from '../../shared/markdown.ts';
import { requireWorkspace } from '../analysis/analysis.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { listScenarios } from '../scenarios/scenarios.service.ts';
import { canStakeholderInput } from './stakeholder-inputs.policy.ts';
import * as repo from './stakeholder-inputs.repository.ts';
import type {
  CreateInputBody,
  InputFile,
  InputList,
  InputListQuery,
  InputSummary,
  PublicInputList,
  StakeholderInput,
  UpdateInputBody,
} from './stakeholder-inputs.schemas.ts';

export {
  stakeholderInputDetail,
  stakeholderInputKeysAfter,
  stakeholderInputsForAnalysis,
  type StakeholderInputForAnalysis,
} from './stakeholder-inputs.analysis.ts';

/**
 * Stakeholder inputs (issue 13 story 4): meetings and written input staff record outside the
 * hearing. Analysts and admins of the consultation's workspace record and read them; a published
 * one is public. Every change is audited with `itemType: 'stakeholder_input'`, which the analysis
 * inbox follows.
 */

export const ITEM_TYPE = 'stakeholder_input';

export const fileUrl = (consultationId: string, inputId: string, fileId: string) =>
  `/api/consultations/${consultationId}/stakeholder-inputs/${inputId}/files/${fileId}`;

const toFile = (f: repo.FileRow): InputFile => ({
  id: f.id,
  filename: f.filename,
  mediaType: f.mediaType,
  sizeBytes: Number(f.sizeBytes),
  public: f.public,
  extraction: f.extractionStatus,
  url: fileUrl(f.consultationId, f.stakeholderInputId, f.id),
});

function toSummary(r: repo.InputRow, files: readonly repo.FileRow[]): InputSummary {
  return {
    id: r.id,
    consultationId: r.consultationId,
    kind: r.kind,
    title: r.title,
    heldOn: r.heldOn,
    parties: r.parties,
    scenarioIds: r.scenarioIds,
    visibility: r.visibility,
    version: r.version,
    files: files.filter((f) => f.stakeholderInputId === r.id).map(toFile),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    publishedAt: r.publishedAt?.toISOString() ?? null,
  };
}

const toInput = (r: repo.InputRow, files: readonly repo.FileRow[]): StakeholderInput => ({
  ...toSummary(r, files),
  minutes: r.minutes,
  minutesHtml: renderMarkdown(r.minutes),
});

/** The workspace of a staff use case: the role (403), the consultation (404), the team (403). */
async function requireRecorder(db: Db, actor: Actor | null, idOrSlug: string) {
  if (!canStakeholderInput(actor, 'record')) throw forbidden('Only analysts and admins record stakeholder inputs');
  return requireWorkspace(db, actor, idOrSlug, 'read');
}

/** An input of the consultation that is not deleted, or 404. */
export async function requireInput(db: Db, consultationId: string, id: string, lock = false) {
  const row = await repo.findInput(db, consultationId, id, lock);
  if (!row || row.deletedAt) throw notFound('Stakeholder input');
  return row;
}

/** Every scenario named must be one of the consultation's (400 with the others). */
async function checkScenarios(db: Db, actor: Actor | null, consultationId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  const known = new Set((await listScenarios(db, actor, consultationId)).map((s) => s.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError('BAD_REQUEST', 'Some scenarios are not scenarios of this consultation', {
      reason: 'unknown_scenario',
      scenarioIds: unknown,
    });
  }
}

export async function listInputs(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  q: InputListQuery,
): Promise<InputList> {
  const c = await requireRecorder(db, actor, consultationIdOrSlug);
  const after = readCursor(q.cursor, 'text');
  const rows = await repo.listInputs(db, {
    consultationId: c.id,
    visibility: q.visibility,
    ...(after ? { after } : {}),
    limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (last) => [last.sortKey, last.id]);
  const files = await repo.filesOf(
    db,
    c.id,
    page.rows.map((r) => r.id),
  );
  return { items: page.rows.map((r) => toSummary(r, files)), nextCursor: page.nextCursor };
}

export async function getInput(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  inputId: string,
): Promise<StakeholderInput> {
  const c = await requireRecorder(db, actor, consultationIdOrSlug);
  const row = await requireInput(db, c.id, inputId);
  return toInput(row, await repo.filesOf(db, c.id, [row.id]));
}

export async function createInput(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  body: CreateInputBody,
): Promise<StakeholderInput> {
  const c = await requireRecorder(db, actor, consultationIdOrSlug);
  await checkScenarios(db, actor, c.id, body.scenarioIds);
  const row = await db.transaction().execute(async (trx) => {
    const r = await repo.insertInput(trx, { ...body, consultationId: c.id, createdBy: actor!.id });
    await recordAudit(trx, actor, {
      action: 'stakeholder_input.create',
      itemType: ITEM_TYPE,
      itemId: r.id,
      consultationId: c.id,
      details: { kind: r.kind, title: r.title, visibility: r.visibility, scenarioIds: r.scenarioIds },
    });
    return r;
  });
  return toInput(row, []);
}

export async function updateInput(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  inputId: string,
  body: UpdateInputBody,
): Promise<StakeholderInput> {
  const c = await requireRecorder(db, actor, consultationIdOrSlug);
  const { version, ...patch } = body;
  if (patch.scenarioIds) await checkScenarios(db, actor, c.id, patch.scenarioIds);
  const row = await db.transaction().execute(async (trx) => {
    const current = await requireInput(trx, c.id, inputId, true);
    if (current.version !== version) {
      throw new AppError('STALE_VERSION', 'The input changed since you opened it', { version: current.version });
    }
    await repo.updateInput(trx, { consultationId: c.id, id: inputId }, patch, actor!.id);
    const changed = Object.keys(patch).filter(
      (k) => JSON.stringify(patch[k as keyof typeof patch]) !== JSON.stringify(current[k as keyof repo.InputRow]),
    );
    await recordAudit(trx, actor, {
      action: 'stakeholder_input.update',
      itemType: ITEM_TYPE,
      itemId: inputId,
      consultationId: c.id,
      details: {
        changed,
        ...(patch.visibility && patch.visibility !== current.visibility ? { visibility: patch.visibility } : {}),
      },
    });
    return (await repo.findInput(trx, c.id, inputId))!;
  });
  return toInput(row, await repo.filesOf(db, c.id, [inputId]));
}

/**
 * Deletes an input: it leaves every list and the public page at once; its row stays for the audit
 * trail and the codings made on it (the inbox marks it deleted).
 */
export async function deleteInput(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  inputId: string,
): Promise<void> {
  const c = await requireRecorder(db, actor, consultationIdOrSlug);
  await db.transaction().execute(async (trx) => {
    const current = await requireInput(trx, c.id, inputId, true);
    await repo.markDeleted(trx, { consultationId: c.id, id: inputId }, actor!.id);
    await recordAudit(trx, actor, {
      action: 'stakeholder_input.delete',
      itemType: ITEM_TYPE,
      itemId: inputId,
      consultationId: c.id,
      details: { title: current.title },
    });
  });
}

/** The minutes as they will show: the same renderer and sanitiser as the saved input. */
export async function previewMinutes(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  markdown: string,
): Promise<{ html: string }> {
  await requireRecorder(db, actor, consultationIdOrSlug);
  return { html: renderMarkdown(markdown) };
}

/**
 * The published inputs of a consultation, for everyone who can read it (a draft's are 404 to the
 * public): only published ones that are not deleted, with only their public files.
 */
export async function listPublishedInputs(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  q: Pick<InputListQuery, 'cursor' | 'limit'>,
): Promise<PublicInputList> {
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const after = readCursor(q.cursor, 'text');
  const rows = await repo.listInputs(db, {
    consultationId: c.id,
    visibility: 'published',
    ...(after ? { after } : {}),
    limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (last) => [last.sortKey, last.id]);
  const visible = page.rows.filter((r) =>
    canStakeholderInput(actor, 'read_published', { visibility: r.visibility, deleted: r.deletedAt !== null }),
  );
  const files = (
    await repo.filesOf(
      db,
      c.id,
      visible.map((r) => r.id),
    )
  ).filter((f) => f.public);
  return {
    items: visible.map((r) => {
      const { minutes: _m, version: _v, visibility: _vis, ...rest } = toInput(r, files);
      return rest;
    }),
    nextCursor: page.nextCursor,
  };
}
