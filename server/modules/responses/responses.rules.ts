import type { CanonicalAnswer } from './fingerprint.rules.ts';

/** Pure rules of hearing responses (issue 4, DESIGN.md §2 Response). No I/O. */
export type Consent = 'public_named' | 'public_anonymous' | 'not_public';
export type PublicationStatus = 'pending' | 'approved' | 'rejected' | 'not_requested';

export type QuestionForAnswers = {
  id: string;
  kind: 'text' | 'single' | 'multi' | 'scale' | 'scenario_scale';
  required: boolean;
  options: readonly { id: string }[];
};
export type ScenarioForAnswers = { id: string; status: string };
export type AnswerInput = { questionId: string; value: unknown };
export type AnswerIssue = { path: string; keyword: 'questionnaire'; questionId: string | null; message: string };

export const TEXT_ANSWER_MAX = 20_000;
const isScale = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type Checked = { ok: true; value: unknown } | { ok: true; value: undefined } | { ok: false; message: string };

/** One answer's value for its question's kind; `value: undefined` is "left empty" (not stored). */
function checkValue(q: QuestionForAnswers, scenarioIds: ReadonlySet<string>, value: unknown): Checked {
  const optionIds = new Set(q.options.map((o) => o.id));
  switch (q.kind) {
    case 'text':
      if (typeof value !== 'string') return { ok: false, message: 'Expected text' };
      if (value.length > TEXT_ANSWER_MAX) return { ok: false, message: `At most ${TEXT_ANSWER_MAX} characters` };
      return { ok: true, value: value.trim() === '' ? undefined : value };
    case 'single':
      if (typeof value !== 'string' || !optionIds.has(value))
        return { ok: false, message: 'Expected one of the options' };
      return { ok: true, value };
    case 'multi': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !optionIds.has(v))) {
        return { ok: false, message: 'Expected a list of the options' };
      }
      if (new Set(value).size !== value.length) return { ok: false, message: 'An option is chosen twice' };
      return { ok: true, value: value.length === 0 ? undefined : [...(value as string[])].sort() };
    }
    case 'scale':
      if (!isScale(value)) return { ok: false, message: 'Expected a whole number from 1 to 5' };
      return { ok: true, value };
    case 'scenario_scale': {
      if (!isPlainObject(value)) return { ok: false, message: 'Expected a rating from 1 to 5 per scenario' };
      const keys = Object.keys(value);
      if (keys.some((k) => !scenarioIds.has(k)))
        return { ok: false, message: 'Rates a scenario that is not in this consultation' };
      if (keys.some((k) => !isScale(value[k])))
        return { ok: false, message: 'Each rating is a whole number from 1 to 5' };
      return { ok: true, value: keys.length === 0 ? undefined : value };
    }
  }
}

/**
 * Checks answers against the questionnaire and returns them as stored: empty ones dropped, a
 * multi-choice value's ids sorted. A required scenario scale needs every scenario that is still in
 * play (not eliminated). Letters registered by staff skip the required check (`enforceRequired`):
 * a letter answers what it answers.
 */
export function validateAnswers(
  questions: readonly QuestionForAnswers[],
  scenarios: readonly ScenarioForAnswers[],
  answers: readonly AnswerInput[],
  opts: { enforceRequired: boolean },
): { ok: true; answers: CanonicalAnswer[] } | { ok: false; issues: AnswerIssue[] } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const scenarioIds = new Set(scenarios.map((s) => s.id));
  const issues: AnswerIssue[] = [];
  const out = new Map<string, unknown>();
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    const q = byId.get(a.questionId);
    const issue = (message: string, path = `/answers/${i}/value`) =>
      issues.push({ path, keyword: 'questionnaire', questionId: a.questionId, message });
    if (!q) return issue('No such question in this consultation', `/answers/${i}/questionId`);
    if (seen.has(q.id)) return issue('This question is answered twice', `/answers/${i}/questionId`);
    seen.add(q.id);
    const checked = checkValue(q, scenarioIds, a.value);
    if (!checked.ok) return issue(checked.message);
    if (checked.value !== undefined) out.set(q.id, checked.value);
  });
  if (opts.enforceRequired) {
    const inPlay = scenarios.filter((s) => s.status !== 'eliminated').map((s) => s.id);
    for (const q of questions) {
      if (!q.required) continue;
      const v = out.get(q.id);
      const missing = v === undefined || (q.kind === 'scenario_scale' && inPlay.some((id) => !(id in (v as object))));
      if (missing)
        issues.push({
          path: '/answers',
          keyword: 'questionnaire',
          questionId: q.id,
          message: 'This question must be answered',
        });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, answers: [...out].map(([questionId, value]) => ({ questionId, value })) };
}

/** A response must say something: text, an answer or a file. */
export const hasContent = (body: string, answers: readonly unknown[], attachmentIds: readonly string[]): boolean =>
  body.trim() !== '' || answers.length > 0 || attachmentIds.length > 0;

/** Consent decides whether publication is up for review at all (the database checks the same). */
export const initialPublicationStatus = (consent: Consent): PublicationStatus =>
  consent === 'not_public' ? 'not_requested' : 'pending';

/**
 * Who a published response names. `public_named`: the person's name, the organisation and its CVR.
 * `public_anonymous`: nobody — no personal name and no organisation or CVR either, because a sole
 * proprietorship's name and CVR identify a person, and "anonymous" must mean the same to everyone.
 * The stakeholder type (acting as) stays, so the response still counts in its segment.
 * The e-mail address is never public.
 */
export function publicIdentity(r: {
  consent: Consent;
  respondentName: string;
  organisationName: string | null;
  cvr: string | null;
}) {
  if (r.consent === 'public_named') return { name: r.respondentName, organisationName: r.organisationName, cvr: r.cvr };
  return { name: null, organisationName: null, cvr: null };
}
