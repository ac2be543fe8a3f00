import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { DecisionOutcome, EvidenceRef } from '../../../db/schema.ts';

export async function listOutcomes(db: Db, consultationId: string, roundId: string) {
  return db
    .selectFrom('scenarioDecisions')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .where('roundId', '=', roundId)
    .execute();
}

export async function replaceOutcomes(
  db: Db,
  key: { consultationId: string; roundId: string; decidedBy: string },
  outcomes: { scenarioId: string; outcome: DecisionOutcome; reasons: string; evidence: EvidenceRef[] }[],
): Promise<void> {
  await db
    .deleteFrom('scenarioDecisions')
    .where('consultationId', '=', key.consultationId)
    .where('roundId', '=', key.roundId)
    .execute();
  await db
    .insertInto('scenarioDecisions')
    .values(outcomes.map((o) => ({ ...key, ...o, evidence: JSON.stringify(o.evidence) })))
    .execute();
}

export async function findApproval(db: Db, consultationId: string, roundId: string) {
  return db
    .selectFrom('decisionApprovals')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .where('roundId', '=', roundId)
    .executeTakeFirst();
}

export async function upsertApproval(
  db: Db,
  v: {
    consultationId: string;
    roundId: string;
    approvedBy: string;
    approvedAt: Date;
    documentRef: string;
    recordedBy: string;
  },
): Promise<void> {
  await db
    .insertInto('decisionApprovals')
    .values(v)
    .onConflict((oc) =>
      oc.columns(['consultationId', 'roundId']).doUpdateSet({
        approvedBy: v.approvedBy,
        approvedAt: v.approvedAt,
        documentRef: v.documentRef,
        recordedBy: v.recordedBy,
        recordedAt: sql<Date>`now()`,
      }),
    )
    .execute();
}

/** The newest closed round of a consultation that has a recorded decision (the public one). */
export async function latestDecidedRound(db: Db, consultationId: string) {
  return db
    .selectFrom('reviewRounds as rr')
    .select(['rr.id'])
    .where('rr.consultationId', '=', consultationId)
    .where('rr.status', '=', 'closed')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('scenarioDecisions as d')
          .select('d.roundId')
          .whereRef('d.consultationId', '=', 'rr.consultationId')
          .whereRef('d.roundId', '=', 'rr.id'),
      ),
    )
    .orderBy('rr.number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Whether any round of the consultation has a recorded decision that selects a scenario. */
export async function hasSelectingDecision(db: Db, consultationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('scenarioDecisions')
    .select('scenarioId')
    .where('consultationId', '=', consultationId)
    .where('outcome', '=', 'selected')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
