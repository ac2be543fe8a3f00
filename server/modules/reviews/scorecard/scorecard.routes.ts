import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import {
  ScenarioScorecard,
  ScenarioScorecardParams,
  ScorecardComparison,
  ScorecardParams,
} from './scorecard.schemas.ts';
import { settleRecounts } from './scorecard.counts.ts';
import { compareScenarios, scenarioScorecard } from './scorecard.service.ts';

const tags = ['reviews'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/**
 * The scenario scorecard (issue 14 story 2): admins, analysts and the consultation's reviewers read
 * it (a reviewer of another consultation gets 403). Guarded before validation. Segments smaller than
 * RESULTS_MIN_SEGMENT are hidden from reviewers as from the public.
 */
export const scorecardRoutes: FastifyPluginAsyncZod<{ minSegment: number }> = async (app, opts) => {
  const readers = app.requireRole('admin', 'analyst', 'reviewer');
  // A recount under way in the background finishes before the database closes.
  app.addHook('onClose', settleRecounts);

  app.get(
    '/api/consultations/:id/scorecard',
    {
      onRequest: readers,
      schema: {
        tags,
        summary: 'Every scenario side by side: rank per segment, for/against, findings, review positions',
        security,
        params: ScorecardParams,
        response: { 200: ScorecardComparison, ...errors },
      },
    },
    async (req) => compareScenarios(app.db, req.actor, req.params.id, opts.minSegment, req.log),
  );

  app.get(
    '/api/consultations/:id/scenarios/:scenarioId/scorecard',
    {
      onRequest: readers,
      schema: {
        tags,
        summary: "A scenario's scorecard (its reviewers, analysts, admins)",
        description:
          'Ranking standings per segment with their closest margins; the themes for and against it by ' +
          'stakeholder type, campaign members labelled, with quotes (personal data cut out); user-test ' +
          "findings by severity and frequency; each consulted party's answer; the status history; the " +
          "current round's positions (a reviewer sees the others' once the round is closed).",
        security,
        params: ScenarioScorecardParams,
        response: { 200: ScenarioScorecard, ...errors },
      },
    },
    async (req) => scenarioScorecard(app.db, req.actor, req.params.id, req.params.scenarioId, opts.minSegment, req.log),
  );
};
