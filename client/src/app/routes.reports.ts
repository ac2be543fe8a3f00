import type { RouteDef } from './routes.ts';

/** The høringsnotat (issue 14 story 6): its versions for staff, the published one for everyone. */
const pages = {
  versions: () => import('../pages/reports/sr-page-report-versions.ts'),
  report: () => import('../pages/reports/sr-page-report.ts'),
};

export const REPORT_ROUTES: readonly RouteDef[] = [
  {
    name: 'admin-reports',
    path: '/admin/consultations/:consultationId/reports',
    tag: 'sr-page-report-versions',
    access: 'analysis',
    load: pages.versions,
    parts: ['notat'],
  },
  {
    name: 'report',
    path: '/consultations/:slug/report',
    tag: 'sr-page-report',
    access: 'public',
    load: pages.report,
    parts: ['notat'],
  },
];
