import type { RouteDef } from './routes.ts';

/** The consulted parties' pages (issue 13 stories 2 and 3). */
const pages = {
  directory: () => import('../pages/parties/sr-page-parties.ts'),
  list: () => import('../pages/parties/sr-page-party-list.ts'),
  noComments: () => import('../pages/parties/sr-page-no-comments.ts'),
};

/** Routes of the parties pages, appended to the route table in routes.ts. */
export const PARTIES_ROUTES: readonly RouteDef[] = [
  {
    name: 'admin-parties',
    path: '/admin/parties',
    tag: 'sr-page-parties',
    access: 'admin',
    load: pages.directory,
    parts: ['parties'],
  },
  {
    name: 'admin-party-list',
    path: '/admin/consultations/:consultationId/parties',
    tag: 'sr-page-party-list',
    access: 'analysis',
    load: pages.list,
    parts: ['parties'],
  },
  {
    name: 'invitation-no-comments',
    path: '/invitations/no-comments',
    tag: 'sr-page-no-comments',
    access: 'public',
    load: pages.noComments,
    parts: ['parties'],
  },
];
