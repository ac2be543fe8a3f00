import type { Db } from '../../db/database.ts';
import type { ActingAs } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, forbidden, notFound } from '../../shared/errors.ts';
import { readProfile } from '../accounts/accounts.registration.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { acceptsInput } from '../consultations/consultations.rules.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { isListedRespondent } from '../parties/parties.segment.ts';
import { listScenarios } from '../scenarios/scenarios.service.ts';
import { canCastBallot } from './ballots.policy.ts';
import * as repo from './ballots.repository.ts';
import { normaliseRanks, orderedEntries, rankingKey, unrankable } from './ranking-key.rules.ts';
import type { Ballot, BallotInput, OwnBallot, Segment } from './ballots.schemas.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findBallot>>>;

const closed = () => new AppError('CONSULTATION_CLOSED', 'The consultation no longer takes ballots');

function toBallot(row: Row, open: boolean, positionOf?: ReadonlyMap<string, number>): Ballot {
  return {
    consultationId: row.consultationId,
    ranks: orderedEntries(row.ranks, positionOf),
    segment: { actingAs: row.actingAs, invited: row.invited },
    acceptsInput: open,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function positions(db: Db, actor: Actor | null, consultationId: string) {
  const scenarios = await listScenarios(db, actor, consultationId);
  return { scenarios, positionOf: new Map(scenarios.map((s) => [s.id, s.position])) };
}

/**
 * Casts or replaces the participant's ballot (issue #5 story 5): only scenarios that are not
 * eliminated can be ranked (422 otherwise); 409 after the deadline. With an Idempotency-Key that
 * already made the current ballot, the ballot is returned unchanged (`created: false`).
 */
export async function castBallot(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  input: BallotInput,
  idempotencyKey: string | undefined,
  clock: Clock = systemClock,
): Promise<{ ballot: Ballot; created: boolean }> {
  if (!actor || !canCastBallot(actor)) throw forbidden('Only participants cast ballots');
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const open = acceptsInput(c, clock());
  const { scenarios, positionOf } = await positions(db, actor, c.id);
  if (idempotencyKey) {
    const current = await repo.findBallot(db, c.id, actor.id);
    if (current && current.idempotencyKey === idempotencyKey)
      return { ballot: toBallot(current, open, positionOf), created: false };
  }
  if (!open) throw closed();
  const rankable = new Set(scenarios.filter((s) => s.status !== 'eliminated').map((s) => s.id));
  const bad = unrankable(input.ranks, rankable);
  if (bad.length > 0) {
    throw new AppError('RULE_VIOLATION', 'Only the consultation’s scenarios that are not eliminated can be ranked', {
      scenarioIds: bad,
    });
  }
  const ranks = normaliseRanks(input.ranks);
  // The segment is copied from the profile now, so counting never joins accounts (see applySegment).
  const profile = await readProfile(db, actor.id);
  // Invited follows the høringsliste (issue 13 story 5): the account answered for a listed party.
  const invited = profile ? await isListedRespondent(db, c.id, profile.email) : false;
  const row = await db.transaction().execute(async (trx) => {
    const saved = await repo.upsertBallot(trx, {
      consultationId: c.id,
      userId: actor.id,
      ranks,
      ranking: rankingKey(ranks),
      actingAs: profile?.actingAs ?? null,
      invited,
      idempotencyKey: idempotencyKey ?? null,
    });
    await recordAudit(trx, actor, {
      action: saved.inserted ? 'ballot.cast' : 'ballot.replace',
      itemType: 'ballot',
      itemId: saved.id,
      consultationId: c.id,
    });
    return saved;
  });
  return { ballot: toBallot(row, open, positionOf), created: !!row.inserted };
}

export async function getMyBallot(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  clock: Clock = systemClock,
) {
  if (!actor) throw forbidden();
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const row = await repo.findBallot(db, c.id, actor.id);
  if (!row) throw notFound('Ballot');
  const { positionOf } = await positions(db, actor, c.id);
  return toBallot(row, acceptsInput(c, clock()), positionOf);
}

/** Withdraws the ballot until the deadline. */
export async function deleteMyBallot(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  clock: Clock = systemClock,
) {
  if (!actor) throw forbidden();
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const row = await repo.findBallot(db, c.id, actor.id);
  if (!row) throw notFound('Ballot');
  if (!acceptsInput(c, clock())) throw closed();
  await db.transaction().execute(async (trx) => {
    await repo.deleteBallot(trx, c.id, actor.id);
    await recordAudit(trx, actor, {
      action: 'ballot.withdraw',
      itemType: 'ballot',
      itemId: row.id,
      consultationId: c.id,
    });
  });
}

export async function listOwnBallots(db: Db, actor: Actor, clock: Clock = systemClock): Promise<OwnBallot[]> {
  const now = clock();
  return (await repo.listByUser(db, actor.id)).map((r) => ({
    consultation: { id: r.consultationId, slug: r.slug, title: r.title, acceptsInput: acceptsInput(r, now) },
    ranks: orderedEntries(r.ranks),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** Consultations in which the person has a ballot that can still change (a segment change reaches these). */
export async function ballotConsultationsAcceptingInput(db: Db, userId: string, clock: Clock = systemClock) {
  const now = clock();
  return (await repo.listByUser(db, userId)).filter((r) => acceptsInput(r, now)).map((r) => r.consultationId);
}

/**
 * Copies a changed segment onto the person's ballots in open consultations (in the caller's
 * transaction). Ballots in closed consultations keep the segment they were counted with.
 */
export async function applySegment(
  trx: Db,
  userId: string,
  consultationIds: readonly string[],
  seg: { actingAs?: ActingAs | null; invited?: boolean },
): Promise<void> {
  await repo.setSegment(trx, userId, consultationIds, seg);
}

/** Distinct rankings with their ballot counts for the results (grouped in SQL). */
export async function countRankings(db: Db, consultationId: string, segment: Segment) {
  const rows = await repo.distinctRankings(db, consultationId, segment);
  return rows.map((r) => ({ ranking: r.ranking, count: Number(r.n) }));
}

/** Distinct rankings with counts by acting-as and invited, for every segment at once (the scorecard). */
export async function countRankingsBySegment(db: Db, consultationId: string) {
  const rows = await repo.distinctRankingsBySegment(db, consultationId);
  return rows.map((r) => ({ ranking: r.ranking, actingAs: r.actingAs, invited: r.invited, count: Number(r.n) }));
}

export type SegmentCounts = Record<Segment, number>;

export async function countSegments(db: Db, consultationId: string): Promise<SegmentCounts> {
  const r = await repo.segmentCounts(db, consultationId);
  return {
    all: Number(r.all),
    citizen: Number(r.citizen),
    business: Number(r.business),
    ngo: Number(r.ngo),
    public_authority: Number(r.publicAuthority),
    other: Number(r.other),
    invited: Number(r.invited),
    not_invited: Number(r.notInvited),
  };
}
