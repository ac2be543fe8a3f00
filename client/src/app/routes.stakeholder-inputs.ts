import type { RouteDef } from './routes.ts';

/** The stakeholder-input pages (issue 13 story 4), for analysts and admins; each loads on first visit. */
const pages = {
  list: () => import('../pages/stakeholder-inputs/sr-page-stakeholder-inputs.ts'),
  form: () => import('../pages/stakeholder-inputs/sr-page-stakeholder-input-form.ts'),
  detail: () => import('../pages/stakeholder-inputs/sr-page-stakeholder-input.ts'),
};

const base = '/admin/consultations/:consultationId/stakeholder-inputs';

/** Routes of the stakeholder-input pages, appended to the route table in routes.ts ("new" before an id). */
export const STAKEHOLDER_INPUT_ROUTES: readonly RouteDef[] = [
  {
    name: 'stakeholder-inputs',
    path: base,
    tag: 'sr-page-stakeholder-inputs',
    access: 'analysis',
    load: pages.list,
    parts: ['stakeholder'],
  },
  {
    name: 'stakeholder-input-new',
    path: `${base}/new`,
    tag: 'sr-page-stakeholder-input-form',
    access: 'analysis',
    load: pages.form,
    parts: ['stakeholder'],
  },
  {
    name: 'stakeholder-input-edit',
    path: `${base}/:inputId/edit`,
    tag: 'sr-page-stakeholder-input-form',
    access: 'analysis',
    load: pages.form,
    parts: ['stakeholder'],
  },
  {
    name: 'stakeholder-input',
    path: `${base}/:inputId`,
    tag: 'sr-page-stakeholder-input',
    access: 'analysis',
    load: pages.detail,
    parts: ['stakeholder'],
  },
];
