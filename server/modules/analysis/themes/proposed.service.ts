import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { requireWorkspace } from '../analysis.service.ts';
import * as repo from './proposed.repository.ts';
import type { DecideInput, DecideResult, ProposedCoding, ProposedQuery } from './themes.schemas.ts';

/**
 * Proposed codings from accepted candidates (issue 11 story 8). They never count as an analyst's
 * coding until one confirms them (then they are that analyst's); a rejected one is removed. Each
 * decision is audited with the codings it touched.
 */
export async function listProposed(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  q: ProposedQuery,
): Promise<{ items: ProposedCoding[]; nextCursor: string | null }> {
  const c = await requireWorkspace(db, actor, idOrSlug, 'read');
  const after = q.cursor && /^[0-9a-f-]{36}$/i.test(q.cursor) ? q.cursor : undefined;
  if (q.cursor && !after) throw new AppError('BAD_REQUEST', 'The cursor is not valid');
  const rows = await repo.listProposed(db, { consultationId: c.id, tagId: q.tagId, after, limit: q.limit });
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map((r) => ({
    id: r.id,
    tagId: r.tagId,
    itemKind: r.itemKind,
    itemId: r.itemId,
    excerpt: r.excerpt,
    author: r.author,
    proposedBy: r.coderId,
    createdAt: r.createdAt.toISOString(),
  }));
  return { items, nextCursor: more ? items.at(-1)!.id : null };
}

/**
 * The proposed codings named, locked; by id all must be proposed codings of this consultation
 * (else 404 and nothing changes), by tag every one there is.
 */
async function named(trx: Db, consultationId: string, input: DecideInput) {
  const ids = input.codingIds ? [...new Set(input.codingIds)] : undefined;
  const rows = await repo.lockProposed(trx, consultationId, ids ? { ids } : { tagId: input.tagId! });
  if (ids && rows.length !== ids.length) {
    const found = new Set(rows.map((r) => r.id));
    throw new AppError('NOT_FOUND', 'Some codings are not proposed codings of this consultation', {
      missing: ids.filter((id) => !found.has(id)),
    });
  }
  return rows;
}

async function decide(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  input: DecideInput,
  how: 'confirm' | 'reject',
): Promise<DecideResult> {
  const c = await requireWorkspace(db, actor, idOrSlug, 'code');
  return db.transaction().execute(async (trx) => {
    const rows = await named(trx, c.id, input);
    const ids = rows.map((r) => r.id);
    if (how === 'confirm') await repo.confirmProposed(trx, c.id, ids, actor!.id);
    else await repo.deleteProposed(trx, c.id, ids);
    if (ids.length > 0) {
      await recordAudit(trx, actor, {
        action: how === 'confirm' ? 'coding.confirm' : 'coding.reject',
        itemType: 'coding',
        itemId: ids.length === 1 ? ids[0]! : null,
        consultationId: c.id,
        details: {
          codings: rows.map((r) => ({
            id: r.id,
            tagId: r.tagId,
            itemKind: r.itemKind,
            itemId: r.itemId,
            proposedBy: r.coderId,
          })),
          ...(input.tagId ? { tagId: input.tagId } : {}),
        },
      });
    }
    return { codingIds: ids };
  });
}

export const confirmProposed = (db: Db, actor: Actor | null, idOrSlug: string, input: DecideInput) =>
  decide(db, actor, idOrSlug, input, 'confirm');

export const rejectProposed = (db: Db, actor: Actor | null, idOrSlug: string, input: DecideInput) =>
  decide(db, actor, idOrSlug, input, 'reject');
