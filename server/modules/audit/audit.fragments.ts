import { sql, type RawBuilder } from 'kysely';

/**
 * SQL fragments of the audit module's table for other modules' statements (issue 9 item 2): the
 * one-statement submission writes its audit events with this insert, from rows that
 * `auditEventValues` made (as JSON in the column `valuesRef`), so `audit_events` keeps one owner.
 * `from` is the rest of the caller's select: its `from …` clause, joins, filters and order.
 */
export const insertAuditEventsFrom = (valuesRef: string, from: RawBuilder<unknown>) => {
  const v = sql.ref(valuesRef);
  return sql`insert into audit_events (consultation_id, actor_id, actor_label, actor_kind, action, item_type, item_id, details)
      select (${v}->>'consultationId')::uuid, (${v}->>'actorId')::uuid, ${v}->>'actorLabel', ${v}->>'actorKind',
             ${v}->>'action', ${v}->>'itemType', ${v}->>'itemId', ${v}->'details'
        ${from}`;
};
