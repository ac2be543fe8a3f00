import type { z } from 'zod';
import type { ScenarioRatings as ScenarioRatingsSchema } from '../../../server/modules/responses/ratings/ratings.schemas.ts';
import { request } from './http.ts';

export type ScenarioRatings = z.infer<typeof ScenarioRatingsSchema>;

/** The questionnaire's ratings per scenario, over the published responses. */
export const getScenarioRatings = (consultation: string, signal?: AbortSignal) =>
  request<ScenarioRatings>(`/api/consultations/${encodeURIComponent(consultation)}/scenario-ratings`, { signal });
