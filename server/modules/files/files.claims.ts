import type { Db } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import * as repo from './files.repository.ts';
import type { AttachmentRef } from './files.schemas.ts';

/**
 * Linking attachments to responses, inside the responses module's transaction. Documented and
 * re-exported by files.service.ts (claimAttachments, releaseAttachments, listAttachments).
 */

type RefRow = { id: string; filename: string; mediaType: string; sizeBytes: string | number; sha256: string };
export const toRef = (r: RefRow): AttachmentRef => ({
  id: r.id,
  filename: r.filename,
  mediaType: r.mediaType,
  sizeBytes: Number(r.sizeBytes),
  sha256: r.sha256,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ClaimInput = { consultationId: string; responseId: string; attachmentIds: readonly string[]; maxFiles: number };

const claimIds = (attachmentIds: readonly string[]) => [...new Set(attachmentIds.map((id) => id.toLowerCase()))].sort();

/**
 * The first half of a claim: locks the files (FOR UPDATE) and checks that each exists in this
 * consultation and is unclaimed or already this response's; returns their refs sorted by id (their
 * SHA-256s go into the receipt fingerprint). The response row need not exist yet.
 */
export async function lockClaimable(trx: Db, v: ClaimInput): Promise<AttachmentRef[]> {
  const ids = claimIds(v.attachmentIds);
  if (ids.length > v.maxFiles) {
    throw new AppError('RULE_VIOLATION', `A response may have at most ${v.maxFiles} attachments`, {
      attachmentIds: ids,
      maxFiles: v.maxFiles,
    });
  }
  if (ids.length === 0) return [];
  const malformed = ids.filter((id) => !UUID.test(id));
  const rows = await repo.lockAttachments(
    trx,
    v.consultationId,
    ids.filter((id) => UUID.test(id)),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unusable = ids.filter((id) => {
    const row = byId.get(id);
    return !row || (row.responseId !== null && row.responseId !== v.responseId);
  });
  if (malformed.length + unusable.length > 0) {
    throw new AppError(
      'RULE_VIOLATION',
      'Some attachments do not exist in this consultation or belong to another response',
      {
        attachmentIds: [...new Set([...malformed, ...unusable])],
      },
    );
  }
  return rows.map(toRef).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The second half: links the locked files to the (now existing) response, at most `maxFiles` in all. */
export async function linkClaimed(trx: Db, v: ClaimInput): Promise<void> {
  const ids = claimIds(v.attachmentIds);
  if (ids.length === 0) return;
  await repo.linkAttachments(trx, v.consultationId, ids, v.responseId);
  const linked = await repo.countLinked(trx, v.consultationId, v.responseId);
  if (linked > v.maxFiles) {
    throw new AppError('RULE_VIOLATION', `A response may have at most ${v.maxFiles} attachments`, {
      attachmentIds: ids,
      maxFiles: v.maxFiles,
    });
  }
}

export async function claimAttachments(trx: Db, v: ClaimInput): Promise<AttachmentRef[]> {
  const refs = await lockClaimable(trx, v);
  await linkClaimed(trx, v);
  return refs;
}

export async function releaseAttachments(
  trx: Db,
  v: { consultationId: string; responseId: string; keepIds: readonly string[] },
): Promise<string[]> {
  const keep = v.keepIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
  return repo.unlinkAttachments(trx, v.consultationId, v.responseId, keep);
}

export async function listAttachments(
  db: Db,
  consultationId: string,
  responseIds: readonly string[],
): Promise<Map<string, AttachmentRef[]>> {
  const rows = await repo.listForResponses(
    db,
    consultationId,
    [...new Set(responseIds)].filter((id) => UUID.test(id)),
  );
  const out = new Map<string, AttachmentRef[]>();
  for (const r of rows) {
    const list = out.get(r.responseId!) ?? [];
    list.push(toRef(r));
    out.set(r.responseId!, list);
  }
  return out;
}
