import type { Db } from '../../db/database.ts';
import { type Actor, actorLabel } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { decodeKeysetCursor, encodeCursor } from '../../shared/cursor.ts';
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
 * A respondent acting through their private edit link: the token is their credential, so the act is
 * theirs, whoever's session cookie the browser also sent (issue 10 item 1).
 */
export type RespondentActor = { kind: 'respondent'; responseId: string };
const isRespondent = (a: Actor | RespondentActor | null): a is RespondentActor =>
  a !== null && 'kind' in a && a.kind === 'respondent';

/**
 * Records who did what to which item. Call it inside the same transaction as the change, so the
 * log and the data can never disagree.
 */
export async function recordAudit(db: Db, actor: Actor | RespondentActor | null, e: AuditInput): Promise<void> {
  const respondent = isRespondent(actor) ? actor : null;
  const account = isRespondent(actor) ? null : actor;
  await insertAuditEvent(db, {
    consultationId: e.consultationId ?? PLATFORM_SCOPE,
    actorId: account?.id ?? null,
    actorLabel: actorLabel(account),
    actorKind: respondent ? 'respondent' : account ? 'account' : 'system',
    action: e.action,
    itemType: e.itemType,
    itemId: e.itemId ?? null,
    details: respondent ? { ...e.details, responseId: respondent.responseId } : (e.details ?? {}),
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
    before: cur,
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const items = page.map((r): AuditEvent => ({
    id: r.id,
    consultationId: r.consultationId === PLATFORM_SCOPE ? null : r.consultationId,
    occurredAt: r.occurredAt.toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    actorKind: (r.actorKind as AuditEvent['actorKind'] | null) ?? (r.actorId ? 'account' : 'system'),
    action: r.action,
    itemType: r.itemType,
    itemId: r.itemId,
    details: r.details,
  }));
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeCursor([last.cursorKey, last.id]) : null;
  return { items, nextCursor };
}
