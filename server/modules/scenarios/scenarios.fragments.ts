import { sql } from 'kysely';

/**
 * SQL fragments of the scenarios module's tables that other modules embed in their own statements
 * (issue 9 item 2). Each takes a column reference of the caller's query.
 */

/** How many scenarios a consultation has (a count as Postgres returns it: a string). */
export const scenarioCountOf = (consultationIdRef: string) =>
  sql<string>`(select count(*) from scenarios s where s.consultation_id = ${sql.ref(consultationIdRef)})`;

/** One column of the scenario a row points at (a scalar subquery on the primary key). */
const column =
  <T>(name: string) =>
  (scenarioIdRef: string) =>
    sql<T>`(select s.${sql.raw(name)} from scenarios s where s.id = ${sql.ref(scenarioIdRef)})`;

export const scenarioOf = {
  key: column<string>('key'),
  title: column<{ da: string; en: string }>('title'),
};
