import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agreementRoutes } from './agreement/agreement.routes.ts';
import { campaignsRoutes } from './campaigns/campaigns.routes.ts';
import { codebookRoutes } from './codebook/codebook.routes.ts';
import { codingsRoutes } from './codings/codings.routes.ts';
import { exchangeRoutes } from './exchange/exchange.routes.ts';
import type { ExportProcessSettings } from './exports/exports.process.ts';
import { exportsRoutes } from './exports/exports.routes.ts';
import { inboxRoutes } from './inbox/inbox.routes.ts';
import { privacyRoutes } from './privacy/privacy.routes.ts';
import { teamRoutes } from './team/team.routes.ts';
import { themesRoutes } from './themes/themes.routes.ts';

/**
 * The analysis workspace (issue 11): the inbox, the codebook and the codings, registered by
 * `server/app.ts`. With `indexEveryMs` > 0 this instance also runs the inbox indexer.
 */
export const analysisRoutes: FastifyPluginAsyncZod<{
  indexEveryMs: number;
  indexBudgetMs: number;
  /** A busy instance defers the indexer and the scanner, at most this long since their last run. */
  indexMaxDeferMs?: number;
  exportDirectMaxRows?: number;
  exportLinkHours?: number;
  exportJobProcess?: ExportProcessSettings;
}> = async (app, opts) => {
  await app.register(inboxRoutes, {
    indexEveryMs: opts.indexEveryMs,
    indexBudgetMs: opts.indexBudgetMs,
    indexMaxDeferMs: opts.indexMaxDeferMs ?? 15_000,
  });
  await app.register(codebookRoutes);
  await app.register(codingsRoutes);
  await app.register(teamRoutes);
  await app.register(agreementRoutes);
  await app.register(exchangeRoutes);
  await app.register(themesRoutes);
  await app.register(campaignsRoutes);
  await app.register(exportsRoutes, {
    directMaxRows: opts.exportDirectMaxRows ?? 50_000,
    linkHours: opts.exportLinkHours ?? 24,
    ...(opts.exportJobProcess ? { jobProcess: opts.exportJobProcess } : {}),
  });
  // The personal-data scanner follows the same feed as the inbox indexer, on the same schedule.
  await app.register(privacyRoutes, {
    scanEveryMs: opts.indexEveryMs,
    scanBudgetMs: opts.indexBudgetMs,
    scanMaxDeferMs: opts.indexMaxDeferMs ?? 15_000,
  });
};
