import type { Db } from '../../db/database.ts';
import { type Actor, actorLabel } from '../../shared/actor.ts';
import { pageOf, readCursor } from '../../shared/cursor.ts';
import { type AuditEventRow, insertAuditEvent, listAuditEvents } from './audit.repository.ts';
import type { AuditEvent, AuditQuery } from './audit.schemas.ts';

/** The consultation id of platform-wide rows (audit events, mails): the tables are partitioned by consultation. */
export const PLATFORM_SCOPE = '00000000-0000-0000-0000-000000000000';

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
 * The audit_events row of an event, as this module makes it: for a caller that writes the row in a
 * statement of its own (the one-statement submission); `recordAudit` otherwise.
 */
export type AuditEventValues = AuditEventRow;

export function auditEventValues(actor: Actor | RespondentActor | null, e: AuditInput): AuditEventValues {
  const respondent = isRespondent(actor) ? actor : null;
  const account = isRespondent(actor) ? null : actor;
  return {
    consultationId: e.consultationId ?? PLATFORM_SCOPE,
    actorId: account?.id ?? null,
    actorLabel: actorLabel(account),
    actorKind: respondent ? 'respondent' : account ? 'account' : 'system',
    action: e.action,
    itemType: e.itemType,
    itemId: e.itemId ?? null,
    details: respondent ? { ...e.details, responseId: respondent.responseId } : (e.details ?? {}),
  };
}

/**
 * Records who did what to which item. Call it inside the same transaction as the change, so the
 * log and the data can never disagree.
 */
export async function recordAudit(db: Db, actor: Actor | RespondentActor | null, e: AuditInput): Promise<void> {
  await insertAuditEvent(db, auditEventValues(actor, e));
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
    actorKind: (r.actorKind as AuditEvent['actorKind'] | null) ?? (r.actorId ? 'account' : 'system'),
    action: r.action,
    itemType: r.itemType,
    itemId: r.itemId,
    details: r.details,
  }));
  return { items, nextCursor: page.nextCursor };
}
