/** The route table: path patterns (`:param` is one segment), the page element, and who may open it. */
import { DEBATE_ROUTES } from './routes.debate.ts';
import { RESPONSES_ROUTES } from './routes.responses.ts';

/** `user`: any signed-in account (a participant's own pages). */
export type Access = 'public' | 'user' | 'staff' | 'admin';

export type RouteDef = {
  name: string;
  path: string;
  tag: string;
  access: Access;
  /** Lazy pages (the admin area) are loaded with a dynamic import on first visit. */
  load?: () => Promise<unknown>;
};

const adminPages = {
  consultations: () => import('../pages/admin/sr-page-admin-consultations.ts'),
  consultationNew: () => import('../pages/admin/sr-page-admin-consultation-new.ts'),
  consultation: () => import('../pages/admin/sr-page-admin-consultation.ts'),
  scenarioNew: () => import('../pages/admin/sr-page-admin-scenario-new.ts'),
  scenario: () => import('../pages/admin/sr-page-admin-scenario.ts'),
  accounts: () => import('../pages/admin/sr-page-admin-accounts.ts'),
  audit: () => import('../pages/admin/sr-page-admin-audit.ts'),
};

export const ROUTES: readonly RouteDef[] = [
  { name: 'home', path: '/', tag: 'sr-page-home', access: 'public' },
  { name: 'consultation', path: '/consultations/:slug', tag: 'sr-page-consultation', access: 'public' },
  { name: 'scenario', path: '/scenarios/:scenarioId', tag: 'sr-page-scenario', access: 'public' },
  { name: 'login', path: '/login', tag: 'sr-page-login', access: 'public' },
  {
    name: 'admin',
    path: '/admin',
    tag: 'sr-page-admin-consultations',
    access: 'staff',
    load: adminPages.consultations,
  },
  {
    name: 'admin-consultation-new',
    path: '/admin/consultations/new',
    tag: 'sr-page-admin-consultation-new',
    access: 'admin',
    load: adminPages.consultationNew,
  },
  {
    name: 'admin-consultation',
    path: '/admin/consultations/:consultationId',
    tag: 'sr-page-admin-consultation',
    access: 'admin',
    load: adminPages.consultation,
  },
  {
    name: 'admin-scenario-new',
    path: '/admin/consultations/:consultationId/scenarios/new',
    tag: 'sr-page-admin-scenario-new',
    access: 'admin',
    load: adminPages.scenarioNew,
  },
  {
    name: 'admin-scenario',
    path: '/admin/scenarios/:scenarioId',
    tag: 'sr-page-admin-scenario',
    access: 'admin',
    load: adminPages.scenario,
  },
  {
    name: 'admin-accounts',
    path: '/admin/accounts',
    tag: 'sr-page-admin-accounts',
    access: 'admin',
    load: adminPages.accounts,
  },
  { name: 'admin-audit', path: '/admin/audit', tag: 'sr-page-admin-audit', access: 'admin', load: adminPages.audit },
  ...RESPONSES_ROUTES,
  ...DEBATE_ROUTES,
];

export type RouteMatch = { route: RouteDef; params: Record<string, string> };

/** Matches a pathname against the table, first match wins; a trailing slash is ignored. */
export function matchRoute(pathname: string, routes: readonly RouteDef[] = ROUTES): RouteMatch | null {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const p = pattern[i]!;
      const v = parts[i]!;
      if (p.startsWith(':')) {
        try {
          params[p.slice(1)] = decodeURIComponent(v);
        } catch {
          ok = false;
        }
      } else if (p !== v) ok = false;
    }
    if (ok) return { route, params };
  }
  return null;
}
