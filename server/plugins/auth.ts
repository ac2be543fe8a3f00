import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
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
    /** preHandler: 401 when signed out, 403 when signed in without any of the roles. */
    requireRole: (...roles: Role[]) => preHandlerAsyncHookHandler;
    /** preHandler: 401 when signed out. */
    requireAuth: preHandlerAsyncHookHandler;
  }
}

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
  async function auth(app: FastifyInstance, opts: { publicUrl: string }) {
    app.decorateRequest('actor', null);
    app.decorateRequest('sessionToken', null);

    app.addHook('onRequest', async (req: FastifyRequest) => {
      const token = req.cookies[SESSION_COOKIE];
      if (!token) return;
      if (UNSAFE.has(req.method)) assertSameOrigin(req, opts.publicUrl);
      req.sessionToken = token;
      req.actor = await resolveSession(app.db, token);
    });

    app.decorate('requireAuth', async (req: FastifyRequest, _reply: FastifyReply) => {
      if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    });

    app.decorate('requireRole', (...roles: Role[]) => {
      return async (req: FastifyRequest, _reply: FastifyReply) => {
        if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
        if (!roles.some((r) => req.actor!.roles.includes(r))) {
          throw new AppError('FORBIDDEN', 'Your role does not allow this');
        }
      };
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
