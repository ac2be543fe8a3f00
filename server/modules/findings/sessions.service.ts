import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound, pgConstraint } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireFindingsWorkspace } from './findings.service.ts';
import * as sessionsRepo from './sessions.repository.ts';
import { affectedFits } from './findings.rules.ts';
import type { SessionBody, SessionList, TestSession } from './findings.schemas.ts';

/**
 * User-test sessions (issue 13 story 1): when, where, how, with whom. A session's findings name it;
 * it cannot be removed while a finding does, nor shrink below what its findings say they met.
 */

export const toSession = (s: sessionsRepo.SessionRow, findingCount: number): TestSession => ({
  id: s.id,
  consultationId: s.consultationId,
  ref: s.ref,
  heldOn: s.heldOn,
  remote: s.remote,
  place: s.remote && s.place === '' ? '' : s.place,
  method: s.method,
  facilitator: s.facilitator,
  participantProfile: s.participantProfile,
  participantCount: s.participantCount,
  device: s.device,
  recordingConsent: s.recordingConsent,
  note: s.note,
  findingCount,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

const valuesOf = (b: SessionBody): sessionsRepo.SessionValues => ({
  ref: b.ref,
  heldOn: b.heldOn,
  remote: b.remote,
  place: b.place,
  method: b.method,
  facilitator: b.facilitator,
  participantProfile: b.participantProfile,
  participantCount: b.participantCount,
  device: b.device,
  recordingConsent: b.recordingConsent,
  note: b.note,
});

/** A reference used twice in a consultation is a 409 (the unique key decides, not a read before). */
async function guardRef<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (pgConstraint(err) === 'user_test_sessions_ref_key')
      throw new AppError('CONFLICT', 'Another session of this consultation has this reference', {
        reason: 'ref_taken',
      });
    throw err;
  }
}

async function loadSession(db: Db, consultationId: string, id: string): Promise<TestSession> {
  const row = await sessionsRepo.findSession(db, consultationId, id);
  if (!row) throw notFound('Session');
  return toSession(row, (await sessionsRepo.findingsOfSession(db, consultationId, id)).length);
}

export async function listSessions(db: Db, actor: Actor | null, idOrSlug: string): Promise<SessionList> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'read');
  return { items: (await sessionsRepo.listSessions(db, c.id)).map((s) => toSession(s, s.findingCount)) };
}

export async function getSession(db: Db, actor: Actor | null, idOrSlug: string, id: string): Promise<TestSession> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'read');
  return loadSession(db, c.id, id);
}

export async function createSession(db: Db, actor: Actor | null, idOrSlug: string, body: SessionBody) {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'write');
  const id = await guardRef(() =>
    db.transaction().execute(async (trx) => {
      const id = await sessionsRepo.insertSession(trx, c.id, valuesOf(body), actor?.id ?? null);
      await recordAudit(trx, actor, {
        action: 'test_session.create',
        itemType: 'test_session',
        itemId: id,
        consultationId: c.id,
        details: { heldOn: body.heldOn, method: body.method, participantCount: body.participantCount },
      });
      return id;
    }),
  );
  return loadSession(db, c.id, id);
}

/**
 * Changes a session. Its findings may not have met more participants than their sessions now have
 * (422); each of them is audited too, so the analysis inbox shows the new facilitator or method.
 */
export async function updateSession(db: Db, actor: Actor | null, idOrSlug: string, id: string, body: SessionBody) {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'write');
  await guardRef(() =>
    db.transaction().execute(async (trx) => {
      const before = await sessionsRepo.findSession(trx, c.id, id);
      if (!before) throw notFound('Session');
      const findings = await sessionsRepo.findingsOfSession(trx, c.id, id);
      const sessions = await sessionsRepo.sessionsOfFindings(
        trx,
        c.id,
        findings.map((f) => f.id),
      );
      const over = findings.filter(
        (f) =>
          !affectedFits(
            f.participantsAffected,
            (sessions.get(f.id) ?? []).map((s) => (s.id === id ? { participantCount: body.participantCount } : s)),
          ),
      );
      if (over.length > 0)
        throw new AppError('RULE_VIOLATION', 'Findings of this session met more participants than it would have', {
          reason: 'findings_exceed_participants',
          findingIds: over.map((f) => f.id),
        });
      await sessionsRepo.updateSession(trx, c.id, id, valuesOf(body));
      await recordAudit(trx, actor, {
        action: 'test_session.update',
        itemType: 'test_session',
        itemId: id,
        consultationId: c.id,
        details: { heldOn: body.heldOn, method: body.method, participantCount: body.participantCount },
      });
      for (const f of findings)
        await recordAudit(trx, actor, {
          action: 'finding.session_changed',
          itemType: 'finding',
          itemId: f.id,
          consultationId: c.id,
          details: { sessionId: id },
        });
    }),
  );
  return loadSession(db, c.id, id);
}

export async function deleteSession(db: Db, actor: Actor | null, idOrSlug: string, id: string): Promise<void> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'write');
  await db.transaction().execute(async (trx) => {
    const findings = await sessionsRepo.findingsOfSession(trx, c.id, id);
    if (findings.length > 0)
      throw new AppError('CONFLICT', 'Findings name this session; change or remove them first', {
        reason: 'session_in_use',
        findingIds: findings.map((f) => f.id),
      });
    if (!(await sessionsRepo.deleteSession(trx, c.id, id))) throw notFound('Session');
    await recordAudit(trx, actor, {
      action: 'test_session.delete',
      itemType: 'test_session',
      itemId: id,
      consultationId: c.id,
    });
  });
}
