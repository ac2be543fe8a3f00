import type { RouteDef } from './routes.ts';

/** Every responses page loads on first visit (see EAGER_ROUTES in routes.ts). */
const pages = {
  respond: () => import('../pages/responses/sr-page-respond.ts'),
  responses: () => import('../pages/responses/sr-page-responses.ts'),
  receipt: () => import('../pages/responses/sr-page-response-receipt.ts'),
  edit: () => import('../pages/responses/sr-page-response-edit.ts'),
  questions: () => import('../pages/admin/sr-page-admin-questions.ts'),
  publication: () => import('../pages/admin/sr-page-admin-publication.ts'),
  letters: () => import('../pages/admin/sr-page-admin-letters.ts'),
  imports: () => import('../pages/admin/sr-page-admin-imports.ts'),
  outbox: () => import('../pages/admin/sr-page-admin-outbox.ts'),
};

/** Routes of the responses pages, appended to the route table in routes.ts. Specific paths before `:param` ones. */
export const RESPONSES_ROUTES: readonly RouteDef[] = [
  {
    name: 'respond',
    path: '/consultations/:slug/respond',
    tag: 'sr-page-respond',
    access: 'public',
    load: pages.respond,
    parts: ['responses', 'parties'],
  },
  {
    name: 'responses',
    path: '/consultations/:slug/responses',
    tag: 'sr-page-responses',
    access: 'public',
    load: pages.responses,
    parts: ['responses', 'identity'],
  },
  {
    name: 'response-receipt',
    path: '/responses/receipt',
    tag: 'sr-page-response-receipt',
    access: 'public',
    load: pages.receipt,
    parts: ['responses'],
  },
  {
    name: 'response-edit',
    path: '/responses/edit',
    tag: 'sr-page-response-edit',
    access: 'public',
    load: pages.edit,
    parts: ['responses', 'identity', 'used'],
  },
  {
    name: 'admin-questions',
    path: '/admin/consultations/:consultationId/questions',
    tag: 'sr-page-admin-questions',
    access: 'admin',
    load: pages.questions,
    parts: ['responses'],
  },
  {
    name: 'admin-publication',
    path: '/admin/consultations/:consultationId/publication',
    tag: 'sr-page-admin-publication',
    access: 'staff',
    load: pages.publication,
    parts: ['responses'],
  },
  {
    name: 'admin-letters',
    path: '/admin/consultations/:consultationId/letters',
    tag: 'sr-page-admin-letters',
    access: 'staff',
    load: pages.letters,
    parts: ['admin', 'responses', 'imports'],
  },
  {
    name: 'admin-imports',
    path: '/admin/consultations/:consultationId/imports',
    tag: 'sr-page-admin-imports',
    access: 'staff',
    load: pages.imports,
    parts: ['imports'],
  },
  {
    name: 'admin-outbox',
    path: '/admin/outbox',
    tag: 'sr-page-admin-outbox',
    access: 'admin',
    load: pages.outbox,
    parts: ['responses'],
  },
];
