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

export async function listAuditEvents(
  db: Db,
  f: {
    consultationId?: string | undefined;
    itemType?: string | undefined;
    itemId?: string | undefined;
    action?: string | undefined;
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
