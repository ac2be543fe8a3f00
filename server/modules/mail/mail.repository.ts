import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export async function insertMail(
  db: Db,
  v: {
    consultationId: string;
    recipient: string;
    subject: string;
    textBody: string;
    htmlBody: string | null;
    kind: string;
    locale: 'da' | 'en';
    responseId: string | null;
  },
) {
  return db
    .insertInto('mailOutbox')
    .values({ ...v, createdAt: new Date() })
    .returning(['consultationId', 'id'])
    .executeTakeFirstOrThrow();
}

export async function findMail(db: Db, consultationId: string, id: string) {
  return db
    .selectFrom('mailOutbox')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markSent(
  db: Db,
  consultationId: string,
  id: string,
  v: { textBody: string; htmlBody: string | null },
) {
  await db
    .updateTable('mailOutbox')
    .set({ ...v, status: 'sent', sentAt: new Date(), lastError: null, attempts: sql<number>`attempts + 1` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function markOutboxed(db: Db, consultationId: string, id: string) {
  await db
    .updateTable('mailOutbox')
    .set({ status: 'outboxed' })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function markFailed(db: Db, consultationId: string, id: string, error: string) {
  await db
    .updateTable('mailOutbox')
    .set({ status: 'failed', lastError: error, attempts: sql<number>`attempts + 1` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function listOutbox(
  db: Db,
  f: {
    status?: string | undefined;
    to?: string | undefined;
    before?: { at: Date; id: string } | undefined;
    limit: number;
  },
) {
  let q = db.selectFrom('mailOutbox').selectAll();
  if (f.status) q = q.where('status', '=', f.status as never);
  if (f.to) q = q.where('recipient', '=', f.to);
  if (f.before) q = q.where(sql<boolean>`(created_at, id) < (${f.before.at}::timestamptz, ${f.before.id}::uuid)`);
  return q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}
