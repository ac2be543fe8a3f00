import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { findUnstorableText } from '../shared/text.ts';

const PARTS = ['params', 'query', 'body'] as const;

/**
 * One rule for every string the API accepts (issue 10 item 5): a NUL character or a lone surrogate
 * anywhere in the path parameters, the query or a parsed body is a 400 with the error envelope,
 * checked before the route's own schema, so no such string ever reaches PostgreSQL.
 */
export const inputPlugin = fp(
  async function input(app: FastifyInstance) {
    // A callback hook, not an async one: it runs on every request, and most have nothing to check.
    app.addHook('preValidation', (req: FastifyRequest, _reply, done) => {
      for (const part of PARTS) {
        const path = findUnstorableText(req[part]);
        if (path === undefined) continue;
        done(
          new AppError('VALIDATION_FAILED', `Invalid ${part === 'params' ? 'path' : part}`, {
            issues: [{ path, keyword: 'text', message: 'Text may not hold a NUL character or a lone surrogate' }],
          }),
        );
        return;
      }
      done();
    });
  },
  { name: 'input' },
);
