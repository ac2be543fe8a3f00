import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { hasRole } from '../../../shared/actor.ts';
import { AppError, notFound } from '../../../shared/errors.ts';
import { activeUsersWithRole, listActiveStaff } from '../../accounts/accounts.service.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { requireWorkspace } from '../analysis.service.ts';
import * as repo from './team.repository.ts';
import type { AssignBody, LimitBody, Team } from './team.schemas.ts';

/**
 * A consultation's analysts (issue 11 story 5): who is on its team, and which analysts an admin
 * has limited to the consultations whose team they are on. The limit itself is checked where every
 * analysis use case starts (`requireWorkspace`).
 */

async function analysts(db: Db) {
  return (await listActiveStaff(db, ['analyst'])).map((u) => ({
    id: u.id,
    displayName: u.displayName,
    roles: u.roles,
  }));
}

export async function getTeam(db: Db, actor: Actor | null, consultationIdOrSlug: string): Promise<Team> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'read');
  const people = await analysts(db);
  const [assigned, limited] = await Promise.all([
    repo.assignedIds(db, c.id),
    repo.limitedIds(
      db,
      people.map((p) => p.id),
    ),
  ]);
  return {
    items: people.map((p) => ({ ...p, assigned: assigned.has(p.id), limited: limited.has(p.id) })),
    canManage: hasRole(actor, 'admin'),
  };
}

async function requireAnalyst(db: Db, userId: string): Promise<void> {
  if (!(await activeUsersWithRole(db, [userId], ['analyst'])).has(userId))
    throw notFound('No active analyst has this id');
}

/** Puts an analyst on a consultation's team or takes them off it (admin); audited when it changes. */
export async function setAssigned(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  userId: string,
  body: AssignBody,
): Promise<Team> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'team');
  await requireAnalyst(db, userId);
  await db.transaction().execute(async (trx) => {
    const changed = body.assigned
      ? await repo.assign(trx, c.id, userId, actor!.id)
      : await repo.unassign(trx, c.id, userId);
    if (changed) {
      await recordAudit(trx, actor, {
        action: body.assigned ? 'analysis_team.assign' : 'analysis_team.unassign',
        itemType: 'user',
        itemId: userId,
        consultationId: c.id,
        details: {},
      });
    }
  });
  return getTeam(db, actor, c.id);
}

/**
 * Limits an analyst to the consultations whose team they are on, or lifts the limit (admin);
 * audited when it changes. Applies to every consultation at once.
 */
export async function setLimited(
  db: Db,
  actor: Actor | null,
  userId: string,
  body: LimitBody,
): Promise<{ userId: string; limited: boolean }> {
  if (!hasRole(actor, 'admin')) throw new AppError('FORBIDDEN', 'Only an admin limits an analyst');
  await requireAnalyst(db, userId);
  await db.transaction().execute(async (trx) => {
    const changed = body.limited ? await repo.limit(trx, userId, actor!.id) : await repo.unlimit(trx, userId);
    if (changed) {
      await recordAudit(trx, actor, {
        action: body.limited ? 'analysis_team.limit' : 'analysis_team.unlimit',
        itemType: 'user',
        itemId: userId,
        details: {},
      });
    }
  });
  return { userId, limited: body.limited };
}

/** Of these users, those an admin has limited and who are not on this consultation's team. */
export const shutOutOf = repo.shutOut;
