import type { FastifyPluginAsync } from 'fastify';
import { decisionsRoutes } from './decisions/decisions.routes.ts';
import { registerReminders } from './rounds/reminders.job.ts';
import { reviewersRoutes } from './reviewers/reviewers.routes.ts';
import { roundsRoutes } from './rounds/rounds.routes.ts';
import { scorecardRoutes } from './scorecard/scorecard.routes.ts';

/**
 * Review by public authorities and the decision record (issue 14 stories 1–4): reviewers scoped
 * to a consultation, the scenario scorecard, review rounds with positions, the reminder job, and the decision with its approval.
 */
export const reviewsRoutes: FastifyPluginAsync<{
  publicUrl: string;
  inviteDays: number;
  reminderDays: number;
  minSegment: number;
}> = async (app, opts) => {
  await app.register(reviewersRoutes, { invite: { baseUrl: opts.publicUrl, inviteDays: opts.inviteDays } });
  await app.register(roundsRoutes);
  await app.register(decisionsRoutes);
  await app.register(scorecardRoutes, { minSegment: opts.minSegment });
  await registerReminders(app, { baseUrl: opts.publicUrl, days: opts.reminderDays });
};
