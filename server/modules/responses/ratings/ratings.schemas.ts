import { z } from 'zod';

/** The questionnaire's scenario ratings, summed over published responses (issue 10 item 15). Imports only zod. */
export const ScenarioRating = z.object({
  scenarioId: z.uuid(),
  count: z.number().int().describe('Published responses that rated this scenario on this question'),
  mean: z.number().nullable().describe('Mean rating, 1–5; null when nobody rated it'),
  distribution: z.array(z.number().int()).length(5).describe('How many rated it 1, 2, 3, 4 and 5'),
});

export const ScenarioRatings = z
  .object({
    consultationId: z.uuid(),
    basis: z.literal('published').describe('Only responses approved for publication are counted'),
    questions: z.array(
      z.object({
        questionId: z.uuid(),
        prompt: z.object({ da: z.string(), en: z.string() }),
        scenarios: z.array(ScenarioRating).describe('Every scenario rated at least once, in no particular order'),
      }),
    ),
  })
  .describe("The scenario-scale questions' ratings per scenario, from the published responses");
export type ScenarioRatings = z.infer<typeof ScenarioRatings>;
