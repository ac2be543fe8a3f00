import type { Db } from '../../db/database.ts';
import { type Actor, actorLabel } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { decodeKeysetCursor, encodeCursor } from '../../shared/cursor.ts';
import type { Localized } from '../../db/schema.ts';
import { consultationTitles } from '../consultations/consultations.service.ts';
import { scenarioTitles } from '../scenarios/scenarios.service.ts';
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
  const cur = decodeKeysetCursor(q.cursor, 'timestamp');
  if (q.cursor && !cur) throw new AppError('BAD_REQUEST', 'Invalid cursor');
  const rows = await listAuditEvents(db, {
    consultationId: q.consultationId,
    itemType: q.itemType,
    itemId: q.itemId,
    action: q.action,
    actorId: q.actorId,
    actor: q.actor,
    q: q.q,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    before: cur,
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const names = await itemNames(db, page);
  const items = page.map((r): AuditEvent => ({
    id: r.id,
    consultationId: r.consultationId === PLATFORM_SCOPE ? null : r.consultationId,
    occurredAt: r.occurredAt.toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    itemType: r.itemType,
    itemId: r.itemId,
    details: r.details,
    itemName: (r.itemId && names.items.get(`${r.itemType}:${r.itemId}`)) || null,
    consultationTitle: names.consultations.get(r.consultationId) ?? null,
  }));
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeCursor([last.cursorKey, last.id]) : null;
  return { items, nextCursor };
}

type Named = { consultationId: string; itemType: string; itemId: string | null };

/**
 * The names of a page's items, looked up through their owners' services (issue 10, item 17: an
 * admin reads "Høring «Digital ID»", not an id). One query per kind, for the whole page.
 */
async function itemNames(
  db: Db,
  rows: readonly Named[],
): Promise<{ items: Map<string, Localized>; consultations: Map<string, Localized> }> {
  const idsOf = (type: string) => rows.filter((r) => r.itemType === type && r.itemId).map((r) => r.itemId!);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const scenarios = await scenarioTitles(
    db,
    idsOf('scenario').filter((id) => uuid.test(id)),
  );
  const consultationIds = [
    ...rows.map((r) => r.consultationId).filter((id) => id !== PLATFORM_SCOPE),
    ...idsOf('consultation').filter((id) => uuid.test(id)),
  ];
  const consultations = await consultationTitles(db, consultationIds);
  const items = new Map<string, Localized>();
  for (const [id, title] of consultations) items.set(`consultation:${id}`, title);
  for (const [id, s] of scenarios)
    items.set(`scenario:${id}`, { da: `${s.key}: ${s.title.da}`, en: `${s.key}: ${s.title.en}` });
  return { items, consultations };
}
