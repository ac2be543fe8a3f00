import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  type Download,
  deleteStoredFile,
  EVIDENCE_LABEL,
  EVIDENCE_TYPES,
  type FilesContext,
  openStoredFile,
  storeCheckedFile,
  type UploadParts,
} from '../files/files.service.ts';
import * as evidenceRepo from './evidence.repository.ts';
import * as repo from './findings.repository.ts';
import type { Evidence } from './findings.schemas.ts';
import { toEvidence } from './findings.rules.ts';
import { requireFindingsWorkspace } from './findings.service.ts';

/**
 * Evidence of a finding (issue 13 story 1): screenshots, PDFs, short audio and video clips. The
 * files module stores the bytes and checks them by content (its blob store, its staging, its type
 * detection); this module keeps the rows. Each addition and removal changes the finding (its
 * version rises) and is audited with `itemType: 'finding'`, so the inbox follows.
 */

export type EvidenceContext = { db: Db; files: FilesContext; maxBytes: number };

/** The most evidence files one finding holds. */
export const MAX_EVIDENCE = 20;

async function requireLiveFinding(db: Db, consultationId: string, findingId: string) {
  const [f] = await repo.findingsByIds(db, consultationId, [findingId]);
  if (!f || f.deletedAt) throw notFound('Finding');
  return f;
}

/** Adds one file; the role, the finding and the count are checked before a byte is read. */
export async function addEvidence(
  ctx: EvidenceContext,
  actor: Actor | null,
  idOrSlug: string,
  findingId: string,
  parts: UploadParts,
): Promise<Evidence> {
  const c = await requireFindingsWorkspace(ctx.db, actor, idOrSlug, 'write');
  await requireLiveFinding(ctx.db, c.id, findingId);
  if (((await evidenceRepo.evidenceCounts(ctx.db, c.id, [findingId])).get(findingId) ?? 0) >= MAX_EVIDENCE)
    throw new AppError('RULE_VIOLATION', `A finding holds at most ${MAX_EVIDENCE} evidence files`, {
      reason: 'too_many_files',
    });
  const stored = await storeCheckedFile(ctx.files, parts, {
    types: EVIDENCE_TYPES,
    label: EVIDENCE_LABEL,
    maxBytes: ctx.maxBytes,
  });
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // The finding may have been removed while the file arrived: then nothing is kept.
      if (!(await repo.updateFinding(trx, c.id, findingId, {}))) throw notFound('Finding');
      await evidenceRepo.insertEvidence(trx, {
        consultationId: c.id,
        findingId,
        ...stored,
        uploadedBy: actor?.id ?? null,
      });
      await recordAudit(trx, actor, {
        action: 'finding.evidence_add',
        itemType: 'finding',
        itemId: findingId,
        consultationId: c.id,
        details: {
          evidenceId: stored.id,
          filename: stored.filename,
          mediaType: stored.mediaType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
        },
      });
    });
  } catch (err) {
    await deleteStoredFile(ctx.files, stored.storageKey);
    throw err;
  }
  const [row] =
    (await evidenceRepo.evidenceOf(ctx.db, c.id, [findingId])).get(findingId)?.filter((e) => e.id === stored.id) ?? [];
  return toEvidence(row!);
}

/** A file of a finding (a removed finding's too: the inbox still shows it), for analysts and admins. */
export async function downloadEvidence(
  ctx: EvidenceContext,
  actor: Actor | null,
  idOrSlug: string,
  findingId: string,
  evidenceId: string,
): Promise<Download> {
  const c = await requireFindingsWorkspace(ctx.db, actor, idOrSlug, 'read');
  const e = (await evidenceRepo.evidenceOf(ctx.db, c.id, [findingId])).get(findingId)?.find((x) => x.id === evidenceId);
  if (!e) throw notFound('Evidence');
  return openStoredFile(ctx.files, {
    id: e.id,
    filename: e.filename,
    mediaType: e.mediaType,
    sizeBytes: Number(e.sizeBytes),
    sha256: e.sha256,
    storageKey: e.storageKey,
  });
}

/** Removes a file: the row and the audit event commit together, then the bytes go. */
export async function removeEvidence(
  ctx: EvidenceContext,
  actor: Actor | null,
  idOrSlug: string,
  findingId: string,
  evidenceId: string,
): Promise<void> {
  const c = await requireFindingsWorkspace(ctx.db, actor, idOrSlug, 'write');
  const gone = await ctx.db.transaction().execute(async (trx) => {
    await requireLiveFinding(trx, c.id, findingId);
    const row = await evidenceRepo.deleteEvidence(trx, c.id, findingId, evidenceId);
    if (!row) throw notFound('Evidence');
    await repo.updateFinding(trx, c.id, findingId, {});
    await recordAudit(trx, actor, {
      action: 'finding.evidence_remove',
      itemType: 'finding',
      itemId: findingId,
      consultationId: c.id,
      details: { evidenceId, filename: row.filename, sha256: row.sha256 },
    });
    return row;
  });
  await deleteStoredFile(ctx.files, gone.storageKey);
}
