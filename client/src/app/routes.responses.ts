import type { RouteDef } from './routes.ts';

/** The staff pages load on first visit; the public ones are imported by the app shell (sr-app.ts). */
const pages = {
  questions: () => import('../pages/responses/sr-page-admin-questions.ts'),
  publication: () => import('../pages/responses/sr-page-admin-publication.ts'),
  letters: () => import('../pages/responses/sr-page-admin-letters.ts'),
  outbox: () => import('../pages/responses/sr-page-admin-outbox.ts'),
};

/** Routes of the responses pages, appended to the route table in routes.ts. Specific paths before `:param` ones. */
export const RESPONSES_ROUTES: readonly RouteDef[] = [
  {
    name: 'respond',
    path: '/consultations/:slug/respond',
    tag: 'sr-page-respond',
    access: 'public',
  },
  {
    name: 'responses',
    path: '/consultations/:slug/responses',
    tag: 'sr-page-responses',
    access: 'public',
  },
  {
    name: 'response-receipt',
    path: '/responses/receipt',
    tag: 'sr-page-response-receipt',
    access: 'public',
  },
  { name: 'response-edit', path: '/responses/edit', tag: 'sr-page-response-edit', access: 'public' },
  {
    name: 'admin-questions',
    path: '/admin/consultations/:consultationId/questions',
    tag: 'sr-page-admin-questions',
    access: 'admin',
    load: pages.questions,
  },
  {
    name: 'admin-publication',
    path: '/admin/consultations/:consultationId/publication',
    tag: 'sr-page-admin-publication',
    access: 'staff',
    load: pages.publication,
  },
  {
    name: 'admin-letters',
    path: '/admin/consultations/:consultationId/letters',
    tag: 'sr-page-admin-letters',
    access: 'staff',
    load: pages.letters,
  },
  { name: 'admin-outbox', path: '/admin/outbox', tag: 'sr-page-admin-outbox', access: 'admin', load: pages.outbox },
];
