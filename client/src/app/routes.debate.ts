import type { RouteDef } from './routes.ts';
// Public-side pages load with the app (only the admin area is lazy, see test/client/routes.test.ts).
import '../pages/debate/sr-page-confirm.ts';
import '../pages/debate/sr-page-forgot-password.ts';
import '../pages/debate/sr-page-profile.ts';
import '../pages/debate/sr-page-ranking.ts';
import '../pages/debate/sr-page-register.ts';
import '../pages/debate/sr-page-reset-password.ts';
import '../pages/debate/sr-page-results.ts';

/** Routes of the debate pages, appended to the route table in routes.ts. Specific paths before `:param` ones. */
export const DEBATE_ROUTES: readonly RouteDef[] = [
  { name: 'register', path: '/register', tag: 'sr-page-register', access: 'public' },
  { name: 'confirm', path: '/confirm', tag: 'sr-page-confirm', access: 'public' },
  { name: 'forgot-password', path: '/forgot-password', tag: 'sr-page-forgot-password', access: 'public' },
  { name: 'reset-password', path: '/reset-password', tag: 'sr-page-reset-password', access: 'public' },
  { name: 'profile', path: '/profile', tag: 'sr-page-profile', access: 'user' },
  { name: 'ranking', path: '/consultations/:slug/ranking', tag: 'sr-page-ranking', access: 'user' },
  { name: 'results', path: '/consultations/:slug/results', tag: 'sr-page-results', access: 'public' },
];
