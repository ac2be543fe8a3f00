import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';

export type RatingCell = { questionId: string; scenarioId: string; rating: number; n: number };

/**
 * Ratings per scenario, rating and question over what may be public (approved, not withdrawn,
 * consented): the same responses anyone can read one by one, so the sums reveal nothing more.
 */
export async function ratingCells(db: Db, consultationId: string, questionIds: string[]): Promise<RatingCell[]> {
  if (questionIds.length === 0) return [];
  const r = await sql<RatingCell>`
    select a.question_id as "questionId", kv.key as "scenarioId", (kv.value #>> '{}')::int as rating,
           count(*)::int as n
      from responses r
      join answers a on a.consultation_id = r.consultation_id and a.response_id = r.id
      cross join lateral jsonb_each(case when jsonb_typeof(a.value) = 'object' then a.value else '{}'::jsonb end) kv
     where r.consultation_id = ${consultationId}
       and r.status = 'submitted' and r.publication_status = 'approved' and r.consent <> 'not_public'
       and a.question_id = any(${questionIds}::uuid[])
       and jsonb_typeof(kv.value) = 'number'
     group by 1, 2, 3`.execute(db);
  return r.rows;
}
