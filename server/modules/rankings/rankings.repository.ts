import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Publishes (now) or withdraws the consultation's ranking results; returns the new state. */
export async function setResultsPublished(db: Db, consultationId: string, publish: boolean) {
  return db
    .updateTable('consultations')
    .set({ resultsPublishedAt: publish ? sql<Date>`coalesce(results_published_at, now())` : null })
    .where('id', '=', consultationId)
    .returning(['id', 'resultsPublishedAt'])
    .executeTakeFirstOrThrow();
}
