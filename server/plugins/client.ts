import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * The app loads only its own scripts, styles, fonts and images; nothing from other origins, and no
 * inline script or style (issue 15 item 5): components set computed sizes through the CSSOM (the
 * cssProps directive), which the policy allows, never through a style attribute.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built Lit client from one process with the API. Any non-API GET that is not a file
 * gets index.html (client-side routes); unknown /api paths get a JSON 404.
 */
export const clientPlugin = fp(
  async function client(app: FastifyInstance, opts: { dist: string }) {
    const root = path.resolve(opts.dist);
    const hasClient = existsSync(path.join(root, 'index.html'));
    if (hasClient) {
      await app.register(fastifyStatic, {
        root,
        // wildcard: files are looked up per request, so a rebuild is served without a restart.
        wildcard: true,
        index: ['index.html'],
        // The build writes .br and .gz next to each text asset (client/vite.precompress.ts); they
        // are sent as they are to a browser that accepts them, with Vary: Accept-Encoding.
        preCompressed: true,
        setHeaders: (reply, file) => {
          // Vite fingerprints assets: cache them for a year; index.html must always be revalidated.
          if (file.includes(`${path.sep}assets${path.sep}`))
            void reply.header('cache-control', 'public, max-age=31536000, immutable');
          else {
            void reply.header('cache-control', 'no-cache');
            void reply.header('content-security-policy', CSP);
          }
        },
      });
    }
    app.setNotFoundHandler(async (req, reply) => {
      const url = req.url.split('?')[0] ?? '';
      if (url.startsWith('/api/') || url === '/api' || req.method !== 'GET' || !hasClient) {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such route' } });
      }
      if (path.extname(url) && !url.endsWith('.html')) {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such file' } });
      }
      void reply.header('cache-control', 'no-cache');
      void reply.header('content-security-policy', CSP);
      return reply.sendFile('index.html', root);
    });
  },
  { name: 'client' },
);
