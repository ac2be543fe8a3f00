import type { Db } from '../../../db/database.ts';
import type { CodingItemKind } from '../../../db/schema.ts';
import type { Actor } from '../../../shared/actor.ts';
import { pageOf, readCursor } from '../../../shared/cursor.ts';
import { forbidden, notFound } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { visibleCodingsFor } from '../agreement/agreement.fragments.ts';
import { canAnalysis } from '../analysis.policy.ts';
import { refused, requireWorkspace } from '../analysis.service.ts';
import { findTag } from '../codebook/codebook.repository.ts';
import { loadItem } from './codings.items.ts';
import * as repo from './codings.repository.ts';
import { checkSpan } from './codings.rules.ts';
import type { Coding, CodingListQuery, CreateCodingInput, ItemCodings, UpdateCodingInput } from './codings.schemas.ts';

function toCoding(r: repo.CodingRow): Coding {
  return {
    id: r.id,
    consultationId: r.consultationId,
    tagId: r.tagId,
    itemKind: r.itemKind,
    itemId: r.itemId,
    field: r.field,
    itemVersion: r.itemVersion,
    startOffset: r.startOffset,
    endOffset: r.endOffset,
    quote: r.quote,
    stance: r.stance,
    note: r.note,
    status: r.status,
    coderId: r.coderId,
    coderName: r.coderName ?? '',
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * A tag a coding may carry: of this consultation (else 400) and in use (else 422). Read with a
 * share lock, so a merge or an archive of the tag waits for this coding, or this coding sees it.
 */
async function usableTag(db: Db, consultationId: string, tagId: string) {
  const tag = await findTag(db, tagId, 'share');
  if (!tag) throw notFound('Tag');
  if (tag.consultationId !== consultationId) {
    throw refused('BAD_REQUEST', 'other_consultation', 'The tag belongs to another consultation');
  }
  if (tag.archivedAt) throw refused('RULE_VIOLATION', 'archived', 'The tag is archived');
  return tag;
}

/** Codes a whole item, one of its texts, or a passage of that text (checked against the stored text). */
export async function createCoding(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  input: CreateCodingInput,
) {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'code');
  const item = await loadItem(db, actor, c.id, input.itemKind, input.itemId);
  let quote: string | null = null;
  if (input.field !== null) {
    const text = item.field(input.field);
    if (!text.found) throw refused('BAD_REQUEST', 'no_such_field', `The ${input.itemKind} has no ${input.field}`);
    if (input.startOffset !== undefined) {
      const span = checkSpan(text.text, input.startOffset, input.endOffset!);
      if (!span.ok) throw refused('BAD_REQUEST', span.reason, span.message, { length: span.length });
      quote = span.quote;
    }
  }
  const id = await db.transaction().execute(async (trx) => {
    await usableTag(trx, c.id, input.tagId);
    const id = await repo.insertCoding(trx, {
      consultationId: c.id,
      tagId: input.tagId,
      itemKind: input.itemKind,
      itemId: input.itemId,
      field: input.field,
      itemVersion: item.version,
      startOffset: input.startOffset ?? null,
      endOffset: input.endOffset ?? null,
      quote,
      stance: input.stance,
      note: input.note,
      coderId: actor!.id,
    });
    await recordAudit(trx, actor, {
      action: 'coding.create',
      itemType: 'coding',
      itemId: id,
      consultationId: c.id,
      details: {
        tagId: input.tagId,
        itemKind: input.itemKind,
        itemId: input.itemId,
        field: input.field,
        startOffset: input.startOffset ?? null,
        endOffset: input.endOffset ?? null,
      },
    });
    return id;
  });
  return toCoding((await repo.findCoding(db, c.id, id))!);
}

/** A coding the actor may change: 404 when there is none, 403 when it is another analyst's. */
async function changeableCoding(db: Db, actor: Actor | null, consultationIdOrSlug: string, id: string) {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'code');
  const row = await repo.findCoding(db, c.id, id);
  if (!row) throw notFound('Coding');
  if (!canAnalysis(actor, 'change_coding', row)) throw forbidden('Only its coder or an admin changes a coding');
  return row;
}

export async function updateCoding(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  id: string,
  input: UpdateCodingInput,
) {
  const row = await changeableCoding(db, actor, consultationIdOrSlug, id);
  await db.transaction().execute(async (trx) => {
    const locked = await repo.findCoding(trx, row.consultationId, id, true);
    if (!locked) throw notFound('Coding');
    if (input.tagId !== undefined && input.tagId !== locked.tagId)
      await usableTag(trx, row.consultationId, input.tagId);
    await repo.updateCoding(trx, row.consultationId, id, input);
    await recordAudit(trx, actor, {
      action: 'coding.update',
      itemType: 'coding',
      itemId: id,
      consultationId: row.consultationId,
      details: {
        fields: Object.keys(input),
        ...(input.tagId !== undefined ? { fromTagId: locked.tagId, toTagId: input.tagId } : {}),
        ...(input.stance !== undefined ? { fromStance: locked.stance, toStance: input.stance } : {}),
      },
    });
  });
  return toCoding((await repo.findCoding(db, row.consultationId, id))!);
}

/** Removes a coding; the audit event keeps what it was. */
export async function deleteCoding(db: Db, actor: Actor | null, consultationIdOrSlug: string, id: string) {
  const row = await changeableCoding(db, actor, consultationIdOrSlug, id);
  await db.transaction().execute(async (trx) => {
    const locked = await repo.findCoding(trx, row.consultationId, id, true);
    if (!locked) throw notFound('Coding');
    await repo.deleteCoding(trx, row.consultationId, id);
    await recordAudit(trx, actor, {
      action: 'coding.delete',
      itemType: 'coding',
      itemId: id,
      consultationId: row.consultationId,
      details: { coding: toCoding(locked) },
    });
  });
}

/**
 * Every coding of one item the actor may see (a blind coder of an open agreement sample does not
 * see the other coders'), each marked when it was made on an earlier version of the response.
 */
export async function listItemCodings(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  kind: CodingItemKind,
  itemId: string,
): Promise<ItemCodings> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'read');
  const item = await loadItem(db, actor, c.id, kind, itemId);
  const rows = await repo.listItemCodings(db, c.id, kind, itemId, visibleCodingsFor(actor));
  return {
    itemKind: kind,
    itemId,
    currentVersion: item.version,
    codings: rows.map((r) => ({
      ...toCoding(r),
      outdated: r.itemVersion !== null && item.version !== null && r.itemVersion < item.version,
    })),
  };
}

/** A consultation's codings the actor may see (as for one item), newest first, filtered, one cursor page at a time. */
export async function listCodings(db: Db, actor: Actor | null, consultationIdOrSlug: string, q: CodingListQuery) {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'read');
  const before = readCursor(q.cursor, 'timestamp');
  const rows = await repo.listCodings(db, {
    consultationId: c.id,
    tagId: q.tagId,
    itemKind: q.itemKind,
    itemId: q.itemId,
    coderId: q.coderId,
    status: q.status,
    before,
    limit: q.limit,
    visible: visibleCodingsFor(actor),
  });
  const page = pageOf(rows, q.limit, (last) => [last.cursorAt, last.id]);
  return { items: page.rows.map(toCoding), nextCursor: page.nextCursor };
}

export type ExportedCoding = {
  tag: { da: string; en: string };
  stance: string | null;
  quote: string | null;
  field: string | null;
  status: string;
  coder: string;
};

/**
 * For an export of an inbox view (issue 12 story 4): the codings of a batch of items the actor may
 * see, by item. The caller has checked the workspace (this is called once per batch).
 */
export async function codingsForExport(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  itemIds: readonly string[],
): Promise<Map<string, ExportedCoding[]>> {
  const rows = await repo.codingsOfItems(db, consultationId, itemIds, visibleCodingsFor(actor));
  const out = new Map<string, ExportedCoding[]>();
  for (const r of rows) {
    const list = out.get(r.itemId) ?? [];
    list.push({
      tag: r.tagName,
      stance: r.stance,
      quote: r.quote,
      field: r.field,
      status: r.status,
      coder: r.coderName ?? '',
    });
    out.set(r.itemId, list);
  }
  return out;
}

export type ConfirmedCoding = {
  id: string;
  tagId: string;
  tagName: { da: string; en: string };
  itemKind: CodingItemKind;
  itemId: string;
  field: string | null;
  startOffset: number | null;
  endOffset: number | null;
};

/**
 * For the reports module (issue 14 story 7, "how your input was used"): the confirmed codings of
 * these items with their tags' names — what an item's own author may see of its coding. The caller
 * has established that the items are the caller's own; proposed codings, coders and notes never leave.
 */
export async function confirmedCodingsOf(
  db: Db,
  consultationId: string,
  itemIds: readonly string[],
): Promise<ConfirmedCoding[]> {
  const rows = await repo.confirmedCodingsOfItems(db, consultationId, itemIds);
  return rows.map((r) => ({ ...r }));
}
