import { sql } from 'kysely';
import type { QuestionKind } from './questions.schemas.ts';

/**
 * SQL fragments of the questions module's table that other modules embed in their own statements
 * (issue 9 item 2): answers filtered or ordered by their question. Each takes column references of
 * the caller's query that hold the consultation id and the question id.
 */

/** True when the question an answer belongs to is of this kind. */
export const questionIsOfKind = (consultationIdRef: string, questionIdRef: string, kind: QuestionKind) =>
  sql<boolean>`exists (select 1 from questions q
                        where q.consultation_id = ${sql.ref(consultationIdRef)} and q.id = ${sql.ref(questionIdRef)}
                          and q.kind = ${kind})`;

/** The question's position in its questionnaire. */
export const questionPositionOf = (consultationIdRef: string, questionIdRef: string) =>
  sql<number>`(select q.position from questions q
                where q.consultation_id = ${sql.ref(consultationIdRef)} and q.id = ${sql.ref(questionIdRef)})`;
