import type { RouteDef } from './routes.ts';

/** MitID's first sign-in page (issue 15). */
export const IDENTITY_ROUTES: readonly RouteDef[] = [
  {
    name: 'eid-link',
    path: '/eid/link',
    tag: 'sr-page-eid-link',
    access: 'public',
    load: () => import('../pages/identity/sr-page-eid-link.ts'),
    parts: ['identity'],
  },
];
