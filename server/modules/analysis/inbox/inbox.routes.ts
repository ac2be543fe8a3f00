import { runInBackground } from '../../../shared/background.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, sessionRequired } from '../../../shared/schemas.ts';
import { indexInput } from './inbox.indexer.ts';
import {
  ConsultationIdParams,
  InboxFacets,
  InboxItemDetail,
  InboxPage,
  InboxProgress,
  InboxQuery,
  ItemParams,
  SplitBody,
  WorkflowBody,
  WorkflowResult,
} from './inbox.schemas.ts';
import * as svc from './inbox.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
/** A view or search that cannot finish within its time limit (422 QUERY_TOO_BROAD: narrow it). */
const boundedErrors = { ...errors, 422: ErrorBody } as const;

/**
 * The analysts' inbox (issue 11 stories 1 and 5). With `indexEveryMs` > 0 this instance also runs
 * the indexer that follows new input (one at a time across instances; see inbox.indexer.ts).
 */
export const inboxRoutes: FastifyPluginAsyncZod<{
  indexEveryMs: number;
  indexBudgetMs: number;
  indexMaxDeferMs: number;
}> = async (app, opts) => {
  const staff = app.requireRole('admin', 'analyst');

  app.get(
    '/api/consultations/:id/inbox',
    {
      onRequest: staff,
      schema: {
        tags: ['analysis'],
        summary: "List a consultation's input for analysis: every kind, filtered, searched and sorted",
        security: sessionRequired,
        params: ConsultationIdParams,
        querystring: InboxQuery,
        response: { 200: InboxPage, ...boundedErrors },
      },
    },
    async (req) => svc.listInbox(app.db, req.actor, req.params.id, req.query),
  );

  app.get(
    '/api/consultations/:id/inbox/facets',
    {
      onRequest: staff,
      schema: {
        tags: ['analysis'],
        summary: 'Count the items of an inbox view by each filter’s values',
        security: sessionRequired,
        params: ConsultationIdParams,
        querystring: InboxQuery,
        response: { 200: InboxFacets, ...boundedErrors },
      },
    },
    async (req) => svc.inboxFacets(app.db, req.actor, req.params.id, req.query),
  );

  app.get(
    '/api/consultations/:id/inbox/items/:kind/:itemId',
    {
      onRequest: staff,
      schema: {
        tags: ['analysis'],
        summary: 'Read one input item with everything staff may read of it: texts to code, answers, files',
        security: sessionRequired,
        params: ItemParams,
        response: { 200: InboxItemDetail, ...errors },
      },
    },
    async (req) => svc.getInboxItem(app.db, req.actor, req.params.id, req.params.kind, req.params.itemId),
  );

  app.get(
    '/api/consultations/:id/inbox/progress',
    {
      onRequest: staff,
      schema: {
        tags: ['analysis'],
        summary: 'Progress of the analysis per analyst and overall',
        security: sessionRequired,
        params: ConsultationIdParams,
        response: { 200: InboxProgress, ...errors },
      },
    },
    async (req) => svc.inboxProgress(app.db, req.actor, req.params.id),
  );

  app.post(
    '/api/consultations/:id/inbox/workflow',
    {
      onRequest: staff,
      schema: {
        tags: ['analysis'],
        summary: 'Set the status and/or the assignee of selected items',
        security: sessionRequired,
        params: ConsultationIdParams,
        body: WorkflowBody,
        response: { 200: WorkflowResult, ...errors },
      },
    },
    async (req) => svc.updateWorkflow(app.db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/consultations/:id/inbox/split',
    {
      onRequest: staff,
      schema: {
        tags: ['analysis'],
        summary: 'Split a view evenly among analysts (assigns its items round robin, in the view’s order)',
        security: sessionRequired,
        params: ConsultationIdParams,
        body: SplitBody,
        response: {
          200: z.object({ assigned: z.array(z.object({ assigneeId: z.uuid(), items: z.number().int() })) }),
          ...errors,
        },
      },
    },
    async (req) => svc.splitView(app.db, req.actor, req.params.id, req.body),
  );

  runInBackground(app, {
    everyMs: opts.indexEveryMs,
    maxDeferMs: opts.indexMaxDeferMs,
    // Busy: small batches, so the run ends close to its budget.
    run: (busy) => indexInput(app.db, { budgetMs: opts.indexBudgetMs, ...(busy ? { batch: 50 } : {}) }),
    failed: 'analysis inbox indexing failed; it retries',
  });
};
