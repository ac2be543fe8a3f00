import type { RouteDef } from './routes.ts';

/** Theme summaries and the agency's answers (issue 14 story 5), for analysts and admins. */
const pages = {
  summaries: () => import('../pages/reports/sr-page-theme-summaries.ts'),
  summary: () => import('../pages/reports/sr-page-theme-summary.ts'),
};

export const SUMMARY_ROUTES: readonly RouteDef[] = [
  {
    name: 'theme-summaries',
    path: '/admin/consultations/:consultationId/theme-summaries',
    tag: 'sr-page-theme-summaries',
    access: 'analysis',
    load: pages.summaries,
    parts: ['summaries'],
  },
  {
    name: 'theme-summary',
    path: '/admin/consultations/:consultationId/theme-summaries/:tagId',
    tag: 'sr-page-theme-summary',
    access: 'analysis',
    load: pages.summary,
    parts: ['summaries'],
  },
];
