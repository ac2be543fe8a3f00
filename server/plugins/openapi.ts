import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { DOCS_CSP, DOCS_CSS, DOCS_JS } from './openapi.theme.ts';

/** A plain mark in the app's accent colour instead of Swagger's icon. */
const FAVICON = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#004d99"/>' +
    '<text x="16" y="23" font-family="sans-serif" font-size="20" font-weight="700" fill="#fff" text-anchor="middle">S</text></svg>',
);

/**
 * OpenAPI 3.1 generated from the routes' zod schemas (the single source of truth), served at
 * /api/openapi.json, with Swagger UI at /api/docs serving all of its assets itself (works offline),
 * branded and accessible (openapi.theme.ts).
 */
export const openapiPlugin = fp(
  async function openapi(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Samråd API',
          version: '0.1.0',
          description:
            'Stakeholder consultations and public hearings. JSON under /api, camelCase, ISO-8601 UTC times, ' +
            'cursor pagination ({ items, nextCursor }), errors as { error: { code, message, details? } }.',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        components: {
          securitySchemes: {
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: 'samraad_session',
              description: 'Set by POST /api/auth/login',
            },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: DOCS_CSP,
      // BaseLayout: no top bar (its logo, URL box and inline <style>); no deep links, whose anchors
      // sat inside the operation buttons (nested interactive controls, 19 px targets).
      uiConfig: { layout: 'BaseLayout', deepLinking: false },
      theme: {
        title: 'Samråd API',
        css: [{ filename: 'samraad.css', content: DOCS_CSS }],
        js: [{ filename: 'samraad.js', content: DOCS_JS }],
        favicon: [{ filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: FAVICON }],
      },
    });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
