import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { ErrorBody } from '../shared/schemas.ts';

type ErrorPayload = { error: { code: string; message: string; details?: Record<string, unknown> } };

const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The JSON body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'This content type is not accepted',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', message: 'Invalid Content-Length' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The file is too large' },
  FST_FILES_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Too many files' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Expected multipart/form-data',
  },
};

function body(code: string, message: string, details?: Record<string, unknown>): ErrorPayload {
  return { error: details ? { code, message, details } : { code, message } };
}

/**
 * The router's own failures (a malformed URL, a path segment over the 100-character limit) happen
 * before any route or error handler; Fastify's `frameworkErrors` option renders them here, in the
 * same `{ error: { code, message } }` shape instead of Fastify's default body.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(400).send(body('BAD_REQUEST', 'The address is malformed or too long'));
    return;
  }
  void reply.status(500).send(body('INTERNAL', 'Internal server error'));
}

/**
 * One error handler for the whole API: `{ error: { code, message, details? } }` with the right
 * status, zod issues as 400 details, and every 5xx masked (logged with req.log, never sent).
 */
/**
 * Errors any route can answer before its handler runs, so every route's contract declares them
 * (issue 10 item 11): 400 for a malformed path, query or body (and the text rule of plugins/input),
 * and for a request with a body 403 (cross-site refusal), 413 (too large) and 415 (not JSON); and
 * 503 with Retry-After from the load shedder (plugins/pressure.ts) or while the database is away.
 */
const ANY_ROUTE = ['400', '503'] as const;
const WITH_BODY = ['403', '413', '415'] as const;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const errorsPlugin = fp(
  async function errors(app: FastifyInstance) {
    app.addHook('onRoute', (route) => {
      const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
      if (!schema?.response || schema.hide) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const statuses = methods.some((m) => BODY_METHODS.has(m)) ? [...ANY_ROUTE, ...WITH_BODY] : ANY_ROUTE;
      for (const status of statuses) schema.response[status] ??= ErrorBody;
    });

    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (hasZodFastifySchemaValidationErrors(err)) {
        const issues = err.validation.map((v) => ({
          path: v.instancePath,
          keyword: v.keyword,
          message: v.message,
        }));
        return reply
          .status(400)
          .send(body('VALIDATION_FAILED', `Invalid ${err.validationContext ?? 'input'}`, { issues }));
      }
      if (err instanceof AppError) {
        if (err.code === 'RATE_LIMITED' && !reply.hasHeader('retry-after')) void reply.header('retry-after', '60');
        if (err.code === 'UNAVAILABLE' && !reply.hasHeader('retry-after')) void reply.header('retry-after', '1');
        return reply.status(err.statusCode).send(body(err.code, err.message, err.details));
      }
      if (isResponseSerializationError(err)) {
        req.log.error({ err }, 'response did not match its schema');
        return reply.status(500).send(body('INTERNAL', 'Internal server error'));
      }
      const known = err.code ? FASTIFY_CODES[err.code] : undefined;
      if (known) return reply.status(known.status).send(body(known.code, known.message));
      const status = err.statusCode ?? 500;
      if (status === 429) return reply.status(429).send(body('RATE_LIMITED', 'Too many requests, try again later'));
      if (status >= 400 && status < 500) {
        return reply.status(status).send(body('BAD_REQUEST', err.message || 'Bad request'));
      }
      if (isDatabaseUnavailable(err)) {
        req.log.warn({ err }, 'database unavailable');
        void reply.header('retry-after', '1');
        return reply.status(503).send(body('UNAVAILABLE', 'The service is briefly unavailable; try again shortly'));
      }
      req.log.error({ err }, 'unhandled error');
      return reply.status(500).send(body('INTERNAL', 'Internal server error'));
    });
  },
  { name: 'errors' },
);
