import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { Role } from '../shared/schemas.ts';
import { resolveSession, SESSION_COOKIE } from '../modules/accounts/accounts.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    /** onRequest guard: 401 when signed out, 403 when signed in without any of the roles. */
    requireRole: (...roles: Role[]) => onRequestAsyncHookHandler;
    /** onRequest guard: 401 when signed out. */
    requireAuth: onRequestAsyncHookHandler;
    /** Every route with a guard and the roles it needs (`[]`: any signed-in user); read by the route-table test. */
    guardedRoutes: readonly GuardedRoute[];
  }
}

export type GuardedRoute = { method: string; url: string; roles: readonly Role[] };

type Guard = onRequestAsyncHookHandler & { [GUARD]?: readonly Role[] };
const GUARD = Symbol('samraad.guard');
const GUARD_PHASES = ['preParsing', 'preValidation', 'preHandler'] as const;
const asList = <T>(h: T | T[] | undefined): T[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hostOf(value: string): string | null {
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}

/**
 * Cross-site request protection for cookie-authenticated mutations: the session cookie is
 * SameSite=Lax, the browser's Fetch Metadata must not say cross-site, and an Origin header, when
 * sent, must name this host. JSON-only bodies add a CORS preflight that we never grant.
 */
function assertSameOrigin(req: FastifyRequest, publicUrl: string): void {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') throw new AppError('CSRF_REJECTED', 'Cross-site request refused');
  const origin = req.headers.origin;
  if (origin) {
    const allowed = new Set([req.headers.host, hostOf(publicUrl)].filter(Boolean));
    if (!allowed.has(hostOf(origin))) throw new AppError('CSRF_REJECTED', 'Cross-site request refused');
  }
}

export const authPlugin = fp(
  async function auth(app: FastifyInstance, opts: { publicUrl: string; cookieSecure: 'auto' | 'true' | 'false' }) {
    app.decorateRequest('actor', null);
    app.decorateRequest('sessionToken', null);

    app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (!token) return;
      if (UNSAFE.has(req.method)) assertSameOrigin(req, opts.publicUrl);
      const session = await resolveSession(app.db, token);
      req.actor = session?.actor ?? null;
      req.sessionToken = session?.rotated?.token ?? token;
      if (session?.rotated) {
        const secure = opts.cookieSecure === 'auto' ? req.protocol === 'https' : opts.cookieSecure === 'true';
        void reply.setCookie(SESSION_COOKIE, session.rotated.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          expires: session.rotated.expiresAt,
        });
      }
    });

    const requireAuth: Guard = async (req: FastifyRequest, _reply: FastifyReply) => {
      if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    };
    requireAuth[GUARD] = [];
    app.decorate('requireAuth', requireAuth);

    app.decorate('requireRole', (...roles: Role[]) => {
      const guard: Guard = async (req: FastifyRequest, _reply: FastifyReply) => {
        if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
        if (!roles.some((r) => req.actor!.roles.includes(r))) {
          throw new AppError('FORBIDDEN', 'Your role does not allow this');
        }
      };
      guard[GUARD] = roles;
      return guard;
    });

    /*
     * Authentication before validation (issue 9 item 7): a guard runs in `onRequest`, before the body
     * is parsed and validated, so a stranger learns nothing about a route's schema (401/403, never 400).
     * Routes declare `onRequest: app.requireRole(…)`; a guard declared in a later phase is moved here.
     */
    const guarded: GuardedRoute[] = [];
    app.decorate('guardedRoutes', guarded);
    app.addHook('onRoute', (route) => {
      const guards: Guard[] = [];
      for (const phase of GUARD_PHASES) {
        const hooks = asList<Guard>(route[phase] as Guard | Guard[] | undefined);
        const rest = hooks.filter((h) => !h[GUARD]);
        if (rest.length === hooks.length) continue;
        guards.push(...hooks.filter((h) => h[GUARD]));
        (route as unknown as Record<string, unknown>)[phase] = rest;
      }
      const onRequest = [...guards, ...asList<Guard>(route.onRequest as Guard | Guard[] | undefined)];
      route.onRequest = onRequest;
      const roles = onRequest.find((h) => h[GUARD])?.[GUARD];
      const methods = asList(route.method);
      if (roles) for (const method of methods) guarded.push({ method, url: route.url, roles });
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
