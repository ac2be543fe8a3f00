import type { Db } from '../../db/database.ts';
import { type Actor, actorLabel } from '../../shared/actor.ts';
import { pageOf, readCursor } from '../../shared/cursor.ts';
import { type AuditEventRow, insertAuditEvent, listAuditEvents, listChanges } from './audit.repository.ts';
import type { Localized } from '../../db/schema.ts';
import { consultationTitles } from '../consultations/consultations.service.ts';
import { scenarioTitles } from '../scenarios/scenarios.service.ts';
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
    actorId: q.actorId,
    actor: q.actor,
    q: q.q,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    before: cur,
    limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (last) => [last.cursorKey, last.id]);
  const names = await itemNames(db, page.rows);
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
    itemName: (r.itemId && names.items.get(`${r.itemType}:${r.itemId}`)) || null,
    consultationTitle: names.consultations.get(r.consultationId) ?? null,
  }));
  return { items, nextCursor: page.nextCursor };
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

/** A change to an item, read from the audit log (every change to input is audited). */
export type ItemChange = { consultationId: string; itemType: string; itemId: string; cursor: [string, string] };

/**
 * The audit log as a change feed for other modules (the analysis inbox follows it to index new and
 * changed input off the submission path): events on items of these types from `since` on, after
 * the keyset `after`, oldest first.
 */
export async function listItemChanges(
  db: Db,
  f: { itemTypes: readonly string[]; since: Date | string | null; after: [string, string] | null; limit: number },
): Promise<ItemChange[]> {
  const rows = await listChanges(db, f);
  return rows.map((r) => ({
    consultationId: r.consultationId,
    itemType: r.itemType,
    itemId: r.itemId!,
    cursor: [r.cursorKey, r.id],
  }));
}
