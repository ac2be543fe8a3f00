import type { RouteDef } from './routes.ts';

/** Every debate page loads on first visit (see EAGER_ROUTES in routes.ts). */
const pages = {
  register: () => import('../pages/account/sr-page-register.ts'),
  confirm: () => import('../pages/account/sr-page-confirm.ts'),
  forgotPassword: () => import('../pages/account/sr-page-forgot-password.ts'),
  resetPassword: () => import('../pages/account/sr-page-reset-password.ts'),
  profile: () => import('../pages/account/sr-page-profile.ts'),
  ranking: () => import('../pages/ranking/sr-page-ranking.ts'),
  results: () => import('../pages/ranking/sr-page-results.ts'),
};

/** Routes of the debate pages, appended to the route table in routes.ts. Specific paths before `:param` ones. */
export const DEBATE_ROUTES: readonly RouteDef[] = [
  {
    name: 'register',
    path: '/register',
    tag: 'sr-page-register',
    access: 'public',
    load: pages.register,
    parts: ['debate'],
  },
  {
    name: 'confirm',
    path: '/confirm',
    tag: 'sr-page-confirm',
    access: 'public',
    load: pages.confirm,
    parts: ['debate'],
  },
  {
    name: 'forgot-password',
    path: '/forgot-password',
    tag: 'sr-page-forgot-password',
    access: 'public',
    load: pages.forgotPassword,
    parts: ['debate'],
  },
  {
    name: 'reset-password',
    path: '/reset-password',
    tag: 'sr-page-reset-password',
    access: 'public',
    load: pages.resetPassword,
    parts: ['debate'],
  },
  {
    name: 'profile',
    path: '/profile',
    tag: 'sr-page-profile',
    access: 'user',
    load: pages.profile,
    parts: ['debate', 'used'],
  },
  {
    name: 'ranking',
    path: '/consultations/:slug/ranking',
    tag: 'sr-page-ranking',
    access: 'user',
    load: pages.ranking,
    parts: ['debate'],
  },
  {
    name: 'results',
    path: '/consultations/:slug/results',
    tag: 'sr-page-results',
    access: 'public',
    load: pages.results,
    parts: ['debate'],
  },
];
