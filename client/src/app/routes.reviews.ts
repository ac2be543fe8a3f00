import type { RouteDef } from './routes.ts';

/**
 * Review by public authorities and the decision record (issue 14): reviewers' own pages (`review`:
 * reviewers, and staff who read the positions) and the admin's pages of a consultation.
 */
const pages = {
  mine: () => import('../pages/reviews/sr-page-my-reviews.ts'),
  round: () => import('../pages/reviews/sr-page-review-round.ts'),
  reviewers: () => import('../pages/reviews/sr-page-admin-reviewers.ts'),
  rounds: () => import('../pages/reviews/sr-page-admin-review-rounds.ts'),
  decision: () => import('../pages/reviews/sr-page-admin-decision.ts'),
  scorecard: () => import('../pages/reviews/sr-page-scorecard.ts'),
  comparison: () => import('../pages/reviews/sr-page-scorecard-comparison.ts'),
};

export const REVIEW_ROUTES: readonly RouteDef[] = [
  {
    name: 'my-reviews',
    path: '/reviews',
    tag: 'sr-page-my-reviews',
    access: 'review',
    load: pages.mine,
    parts: ['reviews'],
  },
  {
    name: 'review-round',
    path: '/reviews/:consultationId/rounds/:roundId',
    tag: 'sr-page-review-round',
    access: 'review',
    load: pages.round,
    parts: ['reviews'],
  },
  {
    name: 'admin-reviewers',
    path: '/admin/consultations/:consultationId/reviewers',
    tag: 'sr-page-admin-reviewers',
    access: 'admin',
    load: pages.reviewers,
    parts: ['reviews'],
  },
  {
    name: 'admin-review-rounds',
    path: '/admin/consultations/:consultationId/review-rounds',
    tag: 'sr-page-admin-review-rounds',
    access: 'analysis',
    load: pages.rounds,
    parts: ['reviews'],
  },
  {
    name: 'admin-decision',
    path: '/admin/consultations/:consultationId/review-rounds/:roundId/decision',
    tag: 'sr-page-admin-decision',
    access: 'admin',
    load: pages.decision,
    parts: ['reviews'],
  },
  {
    name: 'scorecard-comparison',
    path: '/reviews/:consultationId/scorecard',
    tag: 'sr-page-scorecard-comparison',
    access: 'review',
    load: pages.comparison,
    parts: ['reviews'],
  },
  {
    name: 'scorecard',
    path: '/reviews/:consultationId/scorecard/:scenarioId',
    tag: 'sr-page-scorecard',
    access: 'review',
    load: pages.scorecard,
    parts: ['reviews'],
  },
];
