import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { forbidden, notFound } from '../../shared/errors.ts';
import * as accounts from '../accounts/accounts.registration.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as ballots from '../ballots/ballots.service.ts';
import * as comments from '../comments/comments.service.ts';
import { canParticipant } from './participants.policy.ts';
import type { Activity, AdminProfileInput, Profile, UpdateMyProfileInput } from './participants.schemas.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';

/** A participant's profile (the segment their ballots count in) and activity page (issue #5 story 1). */

async function loadProfile(db: Db, userId: string): Promise<Profile> {
  const p = await accounts.readProfile(db, userId);
  if (!p) throw notFound('Account');
  return p;
}

export async function getMyProfile(db: Db, actor: Actor | null): Promise<Profile> {
  if (!actor || !canParticipant(actor, 'readOwnProfile')) throw forbidden();
  return loadProfile(db, actor.id);
}

export async function updateMyProfile(
  db: Db,
  actor: Actor | null,
  input: UpdateMyProfileInput,
  clock: Clock = systemClock,
) {
  if (!actor || !canParticipant(actor, 'updateOwnProfile')) throw forbidden();
  return saveProfile(db, actor, actor.id, input, clock);
}

export async function getProfile(db: Db, actor: Actor | null, userId: string): Promise<Profile> {
  if (!canParticipant(actor, 'manageProfiles')) throw forbidden();
  return loadProfile(db, userId);
}

export async function updateProfile(
  db: Db,
  actor: Actor | null,
  userId: string,
  input: AdminProfileInput,
  clock: Clock = systemClock,
) {
  if (!canParticipant(actor, 'manageProfiles')) throw forbidden();
  await loadProfile(db, userId);
  return saveProfile(db, actor, userId, input, clock);
}

/**
 * Saves a profile. A changed segment is copied onto the person's ballots in consultations still
 * open, so the count uses the segment they gave while voting; closed counts stay as they were.
 */
async function saveProfile(db: Db, actor: Actor | null, userId: string, input: UpdateMyProfileInput, clock: Clock) {
  const segmentChanged = input.actingAs !== undefined;
  const openIds = segmentChanged ? await ballots.ballotConsultationsAcceptingInput(db, userId, clock) : [];
  await db.transaction().execute(async (trx) => {
    await accounts.writeProfile(trx, userId, {
      ...input,
      ...(input.organisationName !== undefined ? { organisationName: input.organisationName || null } : {}),
    });
    if (segmentChanged) {
      const after = (await accounts.readProfile(trx, userId))!;
      await ballots.applySegment(trx, userId, openIds, { actingAs: after.actingAs });
    }
    await recordAudit(trx, actor, {
      action: 'profile.update',
      itemType: 'account',
      itemId: userId,
      details: { fields: Object.keys(input) },
    });
  });
  return loadProfile(db, userId);
}

/** The person's own comments and ballots across consultations (their activity page). */
export async function getActivity(db: Db, actor: Actor | null, clock: Clock = systemClock): Promise<Activity> {
  if (!actor) throw forbidden();
  const [own, cast] = await Promise.all([
    comments.listOwnComments(db, actor.id),
    ballots.listOwnBallots(db, actor, clock),
  ]);
  return { comments: own, ballots: cast };
}
