import { getConsultation } from './consultations.ts';
import { listQuestions, type Question } from './questions.ts';
import { listScenarios } from './scenarios.ts';
import type { Consultation, ScenarioSummary } from './types.ts';

/** A consultation with what a response to it is made of: its questions and its scenarios. */
export type Questionnaire = { consultation: Consultation; questions: Question[]; scenarios: ScenarioSummary[] };

/** The consultation (by id or slug), its questions and its scenarios, fetched together. */
export async function getQuestionnaire(consultationIdOrSlug: string, signal?: AbortSignal): Promise<Questionnaire> {
  const [consultation, questions, scenarios] = await Promise.all([
    getConsultation(consultationIdOrSlug, signal),
    listQuestions(consultationIdOrSlug, signal),
    listScenarios(consultationIdOrSlug, signal),
  ]);
  return { consultation, questions, scenarios };
}
