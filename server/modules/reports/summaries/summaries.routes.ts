import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import {
  ConsultationParams,
  PassagePage,
  PassageQuery,
  SaveSummaryBody,
  ThemeParams,
  ThemeSummary,
  ThemeSummaryList,
} from './summaries.schemas.ts';
import { saveThemeSummary } from './summaries.save.ts';
import * as svc from './summaries.service.ts';

const tags = ['reports'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/**
 * Theme summaries and the agency's answers (issue 14 story 5): analysts and admins only, the role
 * checked before validation (onRequest).
 */
export const summariesRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst');

  app.get(
    '/api/consultations/:id/theme-summaries',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: "Every theme with its summary's status and answer, and how much of its coded input the summary cites",
        security,
        params: ConsultationParams,
        response: { 200: ThemeSummaryList, ...errors },
      },
    },
    async (req) => svc.listThemeSummaries(app.db, req.actor, req.params.id),
  );

  app.get(
    '/api/consultations/:id/theme-summaries/:tagId',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: "A theme's summary: sentences with the passages they cite, the answer, the change made, coverage",
        description:
          'A theme without a summary answers an empty one at version 0. A cited coding deleted since shows as removed.',
        security,
        params: ThemeParams,
        response: { 200: ThemeSummary, ...errors },
      },
    },
    async (req) => svc.getThemeSummary(app.db, req.actor, req.params.id, req.params.tagId),
  );

  app.put(
    '/api/consultations/:id/theme-summaries/:tagId',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: "Save a theme's summary and the agency's answer (audited)",
        description:
          'Send the version you edited (0 for the first save); a stale version is a 409. Each sentence cites ' +
          'confirmed codings of this consultation with this tag or one under it (else 422, `details.invalid`); ' +
          'a summary marked ready needs its sentences, answer and reason in Danish and English (422).',
        security,
        params: ThemeParams,
        body: SaveSummaryBody,
        response: { 200: ThemeSummary, ...errors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req) => saveThemeSummary(app.db, req.actor, req.params.id, req.params.tagId, req.body),
  );

  app.get(
    '/api/consultations/:id/theme-summaries/:tagId/passages',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: "A theme's coded passages (its sub-themes' too), newest first, to cite: quote and source",
        security,
        params: ThemeParams,
        querystring: PassageQuery,
        response: { 200: PassagePage, ...errors },
      },
    },
    async (req) => svc.listPassages(app.db, req.actor, req.params.id, req.params.tagId, req.query, false),
  );

  app.get(
    '/api/consultations/:id/theme-summaries/:tagId/single-voices',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: "A theme's single voices: its coded passages that no summary cites yet, newest first",
        security,
        params: ThemeParams,
        querystring: PassageQuery,
        response: { 200: PassagePage, ...errors },
      },
    },
    async (req) => svc.listPassages(app.db, req.actor, req.params.id, req.params.tagId, req.query, true),
  );
};
