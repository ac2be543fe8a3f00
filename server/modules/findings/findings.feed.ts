import type { Db } from '../../db/database.ts';
import * as evidenceRepo from './evidence.repository.ts';
import * as repo from './findings.repository.ts';
import type { Evidence } from './findings.schemas.ts';
import { toEvidence } from './findings.rules.ts';
import * as sessionsRepo from './sessions.repository.ts';

/**
 * What the analysis inbox reads of findings (issue 13 story 1), re-exported by findings.service.ts:
 * the keys for its first walk, the findings it indexes (deleted ones too, so it can mark them) with
 * their sessions and evidence, and one finding for the item view. Callers check their role first.
 */
export type FindingForAnalysis = repo.FindingRow & {
  sessions: {
    facilitator: string;
    method: sessionsRepo.SessionRow['method'];
    heldOn: string;
    participantCount: number;
    place: string;
    remote: boolean;
    participantProfile: string;
  }[];
  evidence: Evidence[];
};

/** For the analysis inbox's first run: every finding's key, deleted ones too, in key order after `after`. */
export const findingKeysAfter = repo.findingKeysAfter;

/** For the analysis inbox (staff only): these findings, deleted ones too, with sessions and evidence. */
export async function findingsForAnalysis(
  db: Db,
  keys: readonly { consultationId: string; id: string }[],
): Promise<FindingForAnalysis[]> {
  const rows = await repo.findingsByKeys(db, keys);
  const byConsultation = new Map<string, string[]>();
  for (const r of rows) byConsultation.set(r.consultationId, [...(byConsultation.get(r.consultationId) ?? []), r.id]);
  const sessions = new Map<string, sessionsRepo.SessionRow[]>();
  const evidence = new Map<string, evidenceRepo.EvidenceRow[]>();
  for (const [cid, ids] of byConsultation) {
    const [s, e] = await Promise.all([
      sessionsRepo.sessionsOfFindings(db, cid, ids),
      evidenceRepo.evidenceOf(db, cid, ids),
    ]);
    for (const [k, v] of s) sessions.set(k, v);
    for (const [k, v] of e) evidence.set(k, v);
  }
  return rows.map((r) => ({
    ...r,
    sessions: (sessions.get(r.id) ?? []).map((s) => ({
      facilitator: s.facilitator,
      method: s.method,
      heldOn: s.heldOn,
      participantCount: s.participantCount,
      place: s.place,
      remote: s.remote,
      participantProfile: s.participantProfile,
    })),
    evidence: (evidence.get(r.id) ?? []).map(toEvidence),
  }));
}

/** For the analysis item view: one finding of the consultation (deleted too), or undefined. */
export async function findingForAnalysis(
  db: Db,
  consultationId: string,
  id: string,
): Promise<FindingForAnalysis | undefined> {
  return (await findingsForAnalysis(db, [{ consultationId, id }]))[0];
}
