import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { refused } from '../analysis.service.ts';
import { retagCodings } from '../codings/codings.repository.ts';
import * as repo from './codebook.repository.ts';
import { checkMerge, descendantsOf } from './codebook.rules.ts';
import type { MergeTagInput } from './codebook.schemas.ts';
import { checkVersion, lockedTag, readTag, tagOf, treeRefusal } from './codebook.service.ts';

/**
 * Taking tags out of use without losing a coding (issue 11 story 3): archive and restore a tag
 * with its sub-tags, and merge a tag into another, which moves its codings and its sub-tags.
 */

/** Archives a tag and its active sub-tags at one time, so restoring it brings back the same ones. */
export async function archiveTag(db: Db, actor: Actor | null, id: string, version: number) {
  await db.transaction().execute(async (trx) => {
    const { rows, tag, consultationId } = await lockedTag(trx, actor, id);
    checkVersion(tag, version);
    if (tag.archivedAt) throw refused('CONFLICT', 'archived', 'The tag is already archived');
    const active = new Set(rows.filter((r) => !r.archivedAt).map((r) => r.id));
    const ids = [id, ...[...descendantsOf(rows, id)].filter((d) => active.has(d))];
    await repo.setArchived(trx, consultationId, ids, new Date());
    await recordAudit(trx, actor, {
      action: 'codebook_tag.archive',
      itemType: 'codebook_tag',
      itemId: id,
      consultationId,
      details: { tagIds: ids },
    });
  });
  return readTag(db, id);
}

/** Restores a tag and the sub-tags archived with it; not a merged tag, and not under an archived parent. */
export async function unarchiveTag(db: Db, actor: Actor | null, id: string, version: number) {
  await db.transaction().execute(async (trx) => {
    const { rows, tag, consultationId } = await lockedTag(trx, actor, id);
    checkVersion(tag, version);
    if (!tag.archivedAt) throw refused('CONFLICT', 'active', 'The tag is not archived');
    if (tag.mergedIntoId) throw refused('CONFLICT', 'merged', 'A merged tag stays archived: its codings moved');
    const parent = rows.find((r) => r.id === tag.parentId);
    if (parent?.archivedAt) throw refused('RULE_VIOLATION', 'archived', 'Restore the parent tag first');
    const at = tag.archivedAt.getTime();
    const withIt = rows.filter((r) => r.archivedAt?.getTime() === at && !r.mergedIntoId).map((r) => r.id);
    const sub = descendantsOf(rows, id);
    const ids = [id, ...withIt.filter((r) => sub.has(r))];
    await repo.setArchived(trx, consultationId, ids, null);
    await recordAudit(trx, actor, {
      action: 'codebook_tag.unarchive',
      itemType: 'codebook_tag',
      itemId: id,
      consultationId,
      details: { tagIds: ids },
    });
  });
  return readTag(db, id);
}

/**
 * Merges a tag into another in one transaction: every coding of the tag gets the target (their ids
 * are audited, so the history is kept), its sub-tags go under the target after the target's own,
 * and the tag is archived with `mergedIntoId` set. No coding is lost or copied.
 */
export async function mergeTag(db: Db, actor: Actor | null, id: string, input: MergeTagInput) {
  const result = await db.transaction().execute(async (trx) => {
    const { rows, tag, consultationId } = await lockedTag(trx, actor, id);
    checkVersion(tag, input.version);
    if (tag.mergedIntoId) throw refused('CONFLICT', 'merged', 'The tag was already merged');
    const into = await tagOf(trx, rows, input.intoTagId, 'target tag');
    if (into.archivedAt) throw refused('RULE_VIOLATION', 'archived', 'The target tag is archived');
    const check = checkMerge(rows, id, into.id);
    if (!check.ok) throw treeRefusal(check);

    const movedCodingIds = await retagCodings(trx, consultationId, id, into.id);
    const byPosition = (a: repo.TagRow, b: repo.TagRow) => a.position - b.position || (a.id < b.id ? -1 : 1);
    const children = rows.filter((r) => r.parentId === id).sort(byPosition);
    const targetChildren = rows.filter((r) => r.parentId === into.id).sort(byPosition);
    const movedTagIds = children.map((c) => c.id);
    await repo.reparent(trx, consultationId, movedTagIds, into.id);
    await repo.setPositions(trx, consultationId, [...targetChildren.map((c) => c.id), ...movedTagIds]);
    await repo.updateTag(trx, id, { archivedAt: new Date(), mergedIntoId: into.id });
    await recordAudit(trx, actor, {
      action: 'codebook_tag.merge',
      itemType: 'codebook_tag',
      itemId: id,
      consultationId,
      details: { intoTagId: into.id, movedCodingIds, movedTagIds },
    });
    await recordAudit(trx, actor, {
      action: 'codebook_tag.absorb',
      itemType: 'codebook_tag',
      itemId: into.id,
      consultationId,
      details: { fromTagId: id, movedCodings: movedCodingIds.length, movedTagIds },
    });
    return { intoId: into.id, movedCodings: movedCodingIds.length, movedTags: movedTagIds.length };
  });
  return {
    into: await readTag(db, result.intoId),
    merged: await readTag(db, id),
    movedCodings: result.movedCodings,
    movedTags: result.movedTags,
  };
}
