import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * OpenAPI 3.1 generated from the routes' zod schemas (the single source of truth), served at
 * /api/openapi.json, with Swagger UI at /api/docs serving all of its assets itself (works offline).
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
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { deepLinking: true } });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
