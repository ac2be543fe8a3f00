import type { RouteDef } from './routes.ts';

/** "How your input was used" (issue 14 story 7): the participant's account page for a consultation. */
const pages = {
  mine: () => import('../pages/reports/sr-page-my-used.ts'),
};

export const USED_ROUTES: readonly RouteDef[] = [
  {
    name: 'my-used',
    path: '/profile/used',
    tag: 'sr-page-my-used',
    access: 'user',
    load: pages.mine,
    parts: ['used'],
  },
];
