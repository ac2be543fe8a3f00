/** The route table: path patterns (`:param` is one segment), the page element, and who may open it. */
import { loadParts, partsLoaded, type MessagePart } from '../i18n/parts.ts';
import { ANALYSIS_ROUTES } from './routes.analysis.ts';
import { DEBATE_ROUTES } from './routes.debate.ts';
import { FINDINGS_ROUTES } from './routes.findings.ts';
import { IDENTITY_ROUTES } from './routes.identity.ts';
import { PARTIES_ROUTES } from './routes.parties.ts';
import { RESPONSES_ROUTES } from './routes.responses.ts';
import { STAKEHOLDER_INPUT_ROUTES } from './routes.stakeholder-inputs.ts';
import { REVIEW_ROUTES } from './routes.reviews.ts';
import { USED_ROUTES } from './routes.used.ts';
import { SUMMARY_ROUTES } from './routes.summaries.ts';
import { REPORT_ROUTES } from './routes.reports.ts';

/**
 * `user`: any signed-in account (a participant's own pages); `analysis`: analysts and admins;
 * `review`: reviewers, analysts and admins (issue 14: a reviewer is not staff).
 */
export type Access = 'public' | 'user' | 'staff' | 'analysis' | 'review' | 'admin';

export type RouteDef = {
  name: string;
  path: string;
  tag: string;
  access: Access;
  /**
   * Loads the page's chunk on first visit (a dynamic import). Only the routes in EAGER_ROUTES have
   * none: their pages are imported by the app shell, so the first paint of the most visited pages
   * needs no request after the app's own script.
   */
  load?: () => Promise<unknown>;
  /**
   * The message parts the page names beyond the shell's (i18n/parts.ts); the app shell loads them
   * with the page's chunk. None for the eager routes, whose messages are the shell's.
   */
  parts?: readonly MessagePart[];
};

/** Whether a route's page element and its messages are all here (no request needed to show it). */
export const routeLoaded = (route: RouteDef): boolean =>
  (!route.load || !!customElements.get(route.tag)) && partsLoaded(route.parts ?? []);

/** Loads a route's page chunk and its message parts, in parallel. */
export async function loadRoute(route: RouteDef): Promise<void> {
  await Promise.all([route.load?.(), loadParts(route.parts ?? [])]);
}

/** The landing page (the consultation list) and a consultation's page: most visitors see only these. */
export const EAGER_ROUTES: readonly string[] = ['home', 'consultation'];

const pages = {
  scenario: () => import('../pages/public/sr-page-scenario.ts'),
  scenarioCompare: () => import('../pages/public/sr-page-scenario-compare.ts'),
  login: () => import('../pages/account/sr-page-login.ts'),
  adminConsultations: () => import('../pages/admin/sr-page-admin-consultations.ts'),
  adminConsultationNew: () => import('../pages/admin/sr-page-admin-consultation-new.ts'),
  adminConsultation: () => import('../pages/admin/sr-page-admin-consultation.ts'),
  adminScenarioNew: () => import('../pages/admin/sr-page-admin-scenario-new.ts'),
  adminScenario: () => import('../pages/admin/sr-page-admin-scenario.ts'),
  adminAccounts: () => import('../pages/admin/sr-page-admin-accounts.ts'),
  adminAudit: () => import('../pages/admin/sr-page-admin-audit.ts'),
};

export const ROUTES: readonly RouteDef[] = [
  { name: 'home', path: '/', tag: 'sr-page-home', access: 'public' },
  { name: 'consultation', path: '/consultations/:slug', tag: 'sr-page-consultation', access: 'public' },
  {
    name: 'scenario',
    path: '/scenarios/:scenarioId',
    tag: 'sr-page-scenario',
    access: 'public',
    load: pages.scenario,
    parts: ['debate'],
  },
  {
    name: 'scenario-compare',
    path: '/consultations/:slug/compare',
    tag: 'sr-page-scenario-compare',
    access: 'public',
    load: pages.scenarioCompare,
    parts: ['debate'],
  },
  {
    name: 'login',
    path: '/login',
    tag: 'sr-page-login',
    access: 'public',
    load: pages.login,
    parts: ['identity'],
  },
  {
    name: 'admin',
    path: '/admin',
    tag: 'sr-page-admin-consultations',
    access: 'staff',
    load: pages.adminConsultations,
    parts: ['admin'],
  },
  {
    name: 'admin-consultation-new',
    path: '/admin/consultations/new',
    tag: 'sr-page-admin-consultation-new',
    access: 'admin',
    load: pages.adminConsultationNew,
    parts: ['admin'],
  },
  {
    name: 'admin-consultation',
    path: '/admin/consultations/:consultationId',
    tag: 'sr-page-admin-consultation',
    access: 'admin',
    load: pages.adminConsultation,
    parts: ['admin'],
  },
  {
    name: 'admin-scenario-new',
    path: '/admin/consultations/:consultationId/scenarios/new',
    tag: 'sr-page-admin-scenario-new',
    access: 'admin',
    load: pages.adminScenarioNew,
    parts: ['admin'],
  },
  {
    name: 'admin-scenario',
    path: '/admin/scenarios/:scenarioId',
    tag: 'sr-page-admin-scenario',
    access: 'admin',
    load: pages.adminScenario,
    parts: ['admin'],
  },
  {
    name: 'admin-accounts',
    path: '/admin/accounts',
    tag: 'sr-page-admin-accounts',
    access: 'admin',
    load: pages.adminAccounts,
    parts: ['admin'],
  },
  {
    name: 'admin-audit',
    path: '/admin/audit',
    tag: 'sr-page-admin-audit',
    access: 'admin',
    load: pages.adminAudit,
    parts: ['admin', 'debate', 'responses'],
  },
  ...PARTIES_ROUTES,
  ...RESPONSES_ROUTES,
  ...IDENTITY_ROUTES,
  ...ANALYSIS_ROUTES,
  ...STAKEHOLDER_INPUT_ROUTES,
  ...FINDINGS_ROUTES,
  ...DEBATE_ROUTES,
  ...REVIEW_ROUTES,
  ...USED_ROUTES,
  ...SUMMARY_ROUTES,
  ...REPORT_ROUTES,
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
