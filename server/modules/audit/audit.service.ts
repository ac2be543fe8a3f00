import type { Db } from '../../db/database.ts';
import { type Actor, actorLabel } from '../../shared/actor.ts';
import { pageOf, readCursor } from '../../shared/cursor.ts';
import { insertAuditEvent, listAuditEvents, PLATFORM_SCOPE } from './audit.repository.ts';
import type { AuditEvent, AuditQuery } from './audit.schemas.ts';

export type AuditInput = {
  action: string;
  itemType: string;
  itemId?: string | null;
  consultationId?: string | null;
  details?: Record<string, unknown>;
};

/**
 * Records who did what to which item. Call it inside the same transaction as the change, so the
 * log and the data can never disagree.
 */
export async function recordAudit(db: Db, actor: Actor | null, e: AuditInput): Promise<void> {
  await insertAuditEvent(db, {
    consultationId: e.consultationId ?? PLATFORM_SCOPE,
    actorId: actor?.id ?? null,
    actorLabel: actorLabel(actor),
    action: e.action,
    itemType: e.itemType,
    itemId: e.itemId ?? null,
    details: e.details ?? {},
  });
}

export async function listAudit(db: Db, q: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const cur = readCursor(q.cursor, 'timestamp');
  const rows = await listAuditEvents(db, {
    consultationId: q.consultationId,
    itemType: q.itemType,
    itemId: q.itemId,
    action: q.action,
    before: cur,
    limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (last) => [last.cursorKey, last.id]);
  const items = page.rows.map((r): AuditEvent => ({
    id: r.id,
    consultationId: r.consultationId === PLATFORM_SCOPE ? null : r.consultationId,
    occurredAt: r.occurredAt.toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    itemType: r.itemType,
    itemId: r.itemId,
    details: r.details,
  }));
  return { items, nextCursor: page.nextCursor };
}
