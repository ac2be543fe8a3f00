import { randomUUID } from 'node:crypto';

type Question = { id: string; kind: string; required: boolean; options?: { id: string }[] | null };
type Scenario = { id: string; status: string };

const asList = <T>(v: unknown): T[] => (Array.isArray(v) ? v : ((v as { items?: unknown[] }).items ?? [])) as T[];

/**
 * A realistic submission for the bench: 1 KB of text and one answer to each of the first three
 * questions. `scenarios` (GET /api/consultations/:id/scenarios) gives a per-scenario scale its rows;
 * without them that question is left unanswered, as a respondent may.
 */
export function submissionBody(questions: unknown, text: string, scenarios: unknown = []) {
  const qs = asList<Question>(questions);
  const inPlay = asList<Scenario>(scenarios).filter((s) => s.status !== 'eliminated');
  const answers = qs
    .slice(0, 3)
    .map((q) => ({ questionId: q.id, value: valueFor(q, text, inPlay) }))
    .filter((a) => a.value !== undefined);
  return {
    respondent: { name: 'Bench Borger', email: `bench-${randomUUID().slice(0, 8)}@example.dk`, actingAs: 'citizen' },
    consent: 'public_named',
    body: text,
    answers,
  };
}

/** A valid value of each kind (server/modules/responses/responses.rules.ts, validateAnswers). */
function valueFor(q: Question, text: string, scenarios: readonly Scenario[]): unknown {
  switch (q.kind) {
    case 'scale':
      return 4;
    case 'single':
      return q.options?.[0]?.id;
    case 'multi':
      return q.options?.slice(0, 2).map((o) => o.id) ?? [];
    case 'text':
      return text.slice(0, 200);
    case 'scenario_scale':
      return scenarios.length ? Object.fromEntries(scenarios.map((s, i) => [s.id, (i % 5) + 1])) : undefined;
    default:
      return undefined;
  }
}
