import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export type AuditEventRow = {
  consultationId: string;
  actorId: string | null;
  actorLabel: string | null;
  /** Who acted when it was no account: a respondent through their edit link, or the system (issue 10 item 1). */
  actorKind: 'account' | 'respondent' | 'system';
  action: string;
  itemType: string;
  itemId: string | null;
  details: Record<string, unknown>;
};

export async function insertAuditEvent(db: Db, values: AuditEventRow) {
  await db
    .insertInto('auditEvents')
    .values({ ...values, details: JSON.stringify(values.details) })
    .execute();
}

/** A LIKE pattern that matches the text literally (% and _ are data here). */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listAuditEvents(
  db: Db,
  f: {
    consultationId?: string | undefined;
    itemType?: string | undefined;
    itemId?: string | undefined;
    action?: string | undefined;
    actorId?: string | undefined;
    actor?: string | undefined;
    q?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    before?: [string, string] | undefined;
    limit: number;
  },
) {
  // The cursor key to the microsecond: a JS Date would cut it to milliseconds (see shared/cursor.ts).
  let q = db
    .selectFrom('auditEvents')
    .selectAll()
    .select(sql<string>`to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursorKey'));
  if (f.consultationId) q = q.where('consultationId', '=', f.consultationId);
  if (f.itemType) q = q.where('itemType', '=', f.itemType);
  if (f.itemId) q = q.where('itemId', '=', f.itemId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actorId) q = q.where('actorId', '=', f.actorId);
  // The time range bounds the walk down audit_events_time_idx; the text filters only read within it.
  if (f.from) q = q.where('occurredAt', '>=', f.from);
  if (f.to) q = q.where('occurredAt', '<', f.to);
  if (f.actor) q = q.where('actorLabel', 'ilike', `%${likeEscape(f.actor)}%`);
  if (f.q) {
    const pattern = `%${likeEscape(f.q)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('actorLabel', 'ilike', pattern),
        eb('action', 'ilike', pattern),
        eb('itemId', 'ilike', pattern),
        eb(sql<string>`details::text`, 'ilike', pattern),
      ]),
    );
  }
  if (f.before) {
    const [at, id] = f.before;
    q = q.where(sql<boolean>`(occurred_at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  return q
    .orderBy('occurredAt', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/**
 * The audit log read as a change feed: events on items of these types from `since` on, oldest
 * first, after the keyset `after` (occurred_at to the microsecond, id) when given.
 */
export async function listChanges(
  db: Db,
  f: { itemTypes: readonly string[]; since: Date | string | null; after: [string, string] | null; limit: number },
) {
  let q = db
    .selectFrom('auditEvents')
    .select(['consultationId', 'itemType', 'itemId', 'occurredAt', 'id'])
    .select(sql<string>`to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursorKey'))
    .where('itemType', 'in', [...f.itemTypes])
    .where('itemId', 'is not', null);
  if (f.since) q = q.where(sql<boolean>`occurred_at >= ${f.since}::timestamptz`);
  if (f.after) {
    const [at, id] = f.after;
    q = q.where(sql<boolean>`(occurred_at, id) > (${at}::timestamptz, ${id}::uuid)`);
  }
  return q.orderBy('occurredAt').orderBy('id').limit(f.limit).execute();
}
