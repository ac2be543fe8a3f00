import type { RouteDef } from './routes.ts';

/** The user-test findings pages (issue 13 story 1), for analysts and admins; each loads on first visit. */
const pages = {
  findings: () => import('../pages/findings/sr-page-findings.ts'),
  finding: () => import('../pages/findings/sr-page-finding.ts'),
  sessions: () => import('../pages/findings/sr-page-test-sessions.ts'),
  importer: () => import('../pages/findings/sr-page-findings-import.ts'),
  overview: () => import('../pages/findings/sr-page-findings-overview.ts'),
};

/** Routes of the findings pages, appended to the route table in routes.ts (static paths before `:findingId`). */
export const FINDINGS_ROUTES: readonly RouteDef[] = [
  {
    name: 'findings',
    path: '/admin/consultations/:consultationId/findings',
    tag: 'sr-page-findings',
    access: 'analysis',
    load: pages.findings,
    parts: ['findings'],
  },
  {
    name: 'findings-sessions',
    path: '/admin/consultations/:consultationId/test-sessions',
    tag: 'sr-page-test-sessions',
    access: 'analysis',
    load: pages.sessions,
    parts: ['findings'],
  },
  {
    name: 'findings-import',
    path: '/admin/consultations/:consultationId/findings/import',
    tag: 'sr-page-findings-import',
    access: 'analysis',
    load: pages.importer,
    parts: ['findings'],
  },
  {
    name: 'findings-overview',
    path: '/admin/consultations/:consultationId/findings/overview/:scenarioId',
    tag: 'sr-page-findings-overview',
    access: 'analysis',
    load: pages.overview,
    parts: ['findings'],
  },
  {
    name: 'finding',
    path: '/admin/consultations/:consultationId/findings/:findingId',
    tag: 'sr-page-finding',
    access: 'analysis',
    load: pages.finding,
    parts: ['findings'],
  },
];
