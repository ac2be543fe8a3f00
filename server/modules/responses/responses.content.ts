import type { Db } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { acceptsInput } from '../consultations/consultations.rules.ts';
import { readQuestionnaire } from '../questions/questions.service.ts';
import { listScenarios } from '../scenarios/scenarios.service.ts';
import { canonicalSubmission, type CanonicalAnswer, type CanonicalSubmission } from './fingerprint.rules.ts';
import { hasContent, type QuestionForAnswers, type ScenarioForAnswers, validateAnswers } from './responses.rules.ts';
import type { SubmissionInput } from './responses.schemas.ts';

/** The content checks that a submission and an edit both run, and what their fingerprint is made of. */

export const closedError = () =>
  new AppError(
    'CONSULTATION_CLOSED',
    'This consultation does not accept responses now (the deadline is decided by the server clock)',
  );

export type Content = Pick<SubmissionInput, 'consent' | 'body' | 'answers' | 'attachmentIds'> & {
  respondent: Omit<SubmissionInput['respondent'], 'email'> & { email: string | null };
};

/**
 * The answers checked against a questionnaire (and the scenarios a per-scenario scale rates): 400
 * with the issues when they do not fit, or when there is nothing at all. Returns what will be stored.
 */
export function checkAnswers(
  questions: readonly QuestionForAnswers[],
  scenarios: readonly ScenarioForAnswers[],
  input: Content,
  enforceRequired: boolean,
) {
  const checked = validateAnswers(questions, scenarios, input.answers, { enforceRequired });
  if (!checked.ok)
    throw new AppError('VALIDATION_FAILED', 'The answers do not fit the questionnaire', { issues: checked.issues });
  if (!hasContent(input.body, checked.answers, input.attachmentIds)) {
    throw new AppError('VALIDATION_FAILED', 'Write a response, answer a question or attach a file', {
      issues: [{ path: '/body', keyword: 'required', message: 'Write a response, answer a question or attach a file' }],
    });
  }
  return { answers: checked.answers };
}

/**
 * Inside the caller's transaction (an edit): reads the questionnaire under its lock (questions.service)
 * and the window, then checks the answers. Returns what will be stored.
 */
export async function checkContent(
  trx: Db,
  consultationId: string,
  input: Content,
  opts: { enforceRequired: boolean; requireOpen: boolean; at: Date },
) {
  const { consultation, questions } = await readQuestionnaire(trx, consultationId, { lock: true });
  if (opts.requireOpen && !acceptsInput(consultation, opts.at)) throw closedError();
  const scenarios = questions.some((q) => q.kind === 'scenario_scale')
    ? await listScenarios(trx, null, consultationId)
    : [];
  return { ...checkAnswers(questions, scenarios, input, opts.enforceRequired), closesAt: consultation.closesAt };
}

export function snapshotOf(
  input: Content,
  answers: CanonicalAnswer[],
  attachmentSha256s: readonly string[],
): CanonicalSubmission {
  return canonicalSubmission({
    respondent: { ...input.respondent, email: input.respondent.email ?? null },
    consent: input.consent,
    body: input.body,
    answers,
    attachmentSha256s,
  });
}
