import { sql, type RawBuilder } from 'kysely';

/**
 * SQL fragments of the mail module's table for other modules' statements (issue 9 item 2): the
 * one-statement submission queues its receipt mails with this insert, from rows that
 * `templateOutboxValues` made (as JSON in the column `valuesRef`), so `mail_outbox` keeps one owner.
 * `from` is the rest of the caller's select: its `from …` clause, joins and filters.
 */
export const insertOutboxFrom = (valuesRef: string, from: RawBuilder<unknown>) => {
  const v = sql.ref(valuesRef);
  return sql`insert into mail_outbox (consultation_id, recipient, template, kind, locale, response_id, created_at, status)
      select (${v}->>'consultationId')::uuid, ${v}->>'recipient', ${v}->'template', ${v}->>'kind',
             ${v}->>'locale', (${v}->>'responseId')::uuid, date_trunc('milliseconds', now()), ${v}->>'status'
        ${from}`;
};
