import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { listQuestions } from '../../questions/questions.service.ts';
import { ratingCells } from './ratings.repository.ts';
import type { ScenarioRatings } from './ratings.schemas.ts';

export async function scenarioRatings(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
): Promise<ScenarioRatings> {
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const questions = (await listQuestions(db, actor, c.id)).filter((q) => q.kind === 'scenario_scale');
  const cells = await ratingCells(
    db,
    c.id,
    questions.map((q) => q.id),
  );
  return {
    consultationId: c.id,
    basis: 'published',
    questions: questions.map((q) => {
      const byScenario = new Map<string, number[]>();
      for (const cell of cells) {
        if (cell.questionId !== q.id || cell.rating < 1 || cell.rating > 5) continue;
        const d = byScenario.get(cell.scenarioId) ?? [0, 0, 0, 0, 0];
        d[cell.rating - 1]! += cell.n;
        byScenario.set(cell.scenarioId, d);
      }
      return {
        questionId: q.id,
        prompt: q.prompt,
        scenarios: [...byScenario].map(([scenarioId, distribution]) => {
          const count = distribution.reduce((a, b) => a + b, 0);
          const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0);
          return { scenarioId, count, mean: count ? sum / count : null, distribution };
        }),
      };
    }),
  };
}
