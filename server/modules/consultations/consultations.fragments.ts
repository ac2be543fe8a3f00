import { sql } from 'kysely';
import type { Localized } from '../../db/schema.ts';
import type { Phase } from './consultations.rules.ts';

/**
 * SQL fragments of the consultations module's tables that other modules embed in their own
 * statements (issue 9 item 2): a scenario with its consultation's phase, a person's ballots with
 * where they were cast, the questionnaire with its participation window, all in one round trip.
 * Each takes a column reference of the caller's query that holds a consultation id.
 */
const column =
  <T>(name: string) =>
  (consultationIdRef: string) =>
    sql<T>`(select k.${sql.raw(name)} from consultations k where k.id = ${sql.ref(consultationIdRef)})`;

/** One column of the consultation a row belongs to (a scalar subquery on the primary key). */
export const consultationOf = {
  phase: column<Phase>('phase'),
  slug: column<string>('slug'),
  title: column<Localized>('title'),
  opensAt: column<Date | null>('opens_at'),
  closesAt: column<Date | null>('closes_at'),
};

/**
 * The consultation's participation window and its stamp (samraad_consultation_stamp) as a derived
 * table with the columns `id, phase, opens_at, closes_at, stamp`: one row, or none if it is gone.
 */
export const participationWindow = (consultationId: string) =>
  sql`(select c.id, c.phase, c.opens_at, c.closes_at, samraad_consultation_stamp(c.version, c.updated_at) as stamp
         from consultations c where c.id = ${consultationId})`;
