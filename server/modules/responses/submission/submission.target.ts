import type { Db } from '../../../db/database.ts';
import type { Localized } from '../../../db/schema.ts';
import type { Actor } from '../../../shared/actor.ts';
import { Lru } from '../../../shared/lru.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { readQuestionnaire } from '../../questions/questions.service.ts';
import { listScenarios } from '../../scenarios/scenarios.service.ts';
import type { QuestionForAnswers, ScenarioForAnswers } from '../responses.rules.ts';

/**
 * What a submission is checked against: the consultation's window and phase, its questionnaire and
 * scenarios, and the stamp they were read under. Cached per process, so a submission normally costs
 * one statement; the cache is never trusted for what is written: the statement's guard compares the
 * stamp under the questionnaire lock and answers 'stale' when anything changed (the caller reloads),
 * and a refusal decided from a cached entry is re-checked against a fresh one before it is answered.
 */
export type SubmissionTarget = {
  id: string;
  slug: string;
  phase: string;
  opensAt: Date | null;
  closesAt: Date | null;
  title: Localized;
  stamp: string;
  questions: QuestionForAnswers[];
  scenarios: ScenarioForAnswers[];
};

export async function loadTarget(db: Db, actor: Actor | null, idOrSlug: string): Promise<SubmissionTarget> {
  const c = await requireReadableConsultation(db, actor, idOrSlug);
  const q = await readQuestionnaire(db, c.id, { lock: false });
  const scenarios = q.questions.some((x) => x.kind === 'scenario_scale')
    ? (await listScenarios(db, null, c.id)).map((s) => ({ id: s.id, status: s.status }))
    : [];
  return {
    id: c.id,
    slug: c.slug,
    phase: q.consultation.phase,
    opensAt: q.consultation.opensAt,
    closesAt: q.consultation.closesAt,
    title: c.title,
    stamp: q.stamp,
    questions: q.questions,
    scenarios,
  };
}

export type TargetCache = {
  /** The cached target (`fresh: false`) or a newly loaded one (`fresh: true`). */
  get: (db: Db, actor: Actor | null, idOrSlug: string) => Promise<{ target: SubmissionTarget; fresh: boolean }>;
  /** Loads again and replaces what is cached. */
  reload: (db: Db, actor: Actor | null, idOrSlug: string) => Promise<SubmissionTarget>;
};

export function createTargetCache(size = 500): TargetCache {
  const entries = new Lru<string, SubmissionTarget>(size);
  const reload = async (db: Db, actor: Actor | null, idOrSlug: string) => {
    const target = await loadTarget(db, actor, idOrSlug);
    entries.set(target.id, target);
    entries.set(target.slug, target);
    return target;
  };
  return {
    async get(db, actor, idOrSlug) {
      const hit = entries.get(idOrSlug);
      if (hit) return { target: hit, fresh: false };
      return { target: await reload(db, actor, idOrSlug), fresh: true };
    },
    reload,
  };
}
