import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { assertServable, type Config } from './config.ts';
import type { DbHandle } from './db/database.ts';
import { authPlugin } from './plugins/auth.ts';
import { clientPlugin } from './plugins/client.ts';
import { dbPlugin } from './plugins/db.ts';
import { errorsPlugin, frameworkErrors } from './plugins/errors.ts';
import { inputPlugin } from './plugins/input.ts';
import { jobsPlugin } from './plugins/jobs.ts';
import { limitsPlugin } from './plugins/limits.ts';
import { pressurePlugin } from './plugins/pressure.ts';
import { trackRequests } from './shared/background.ts';
import { replicaPlugin } from './plugins/replica.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { analysisRoutes } from './modules/analysis/analysis.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { consultationsRoutes } from './modules/consultations/consultations.routes.ts';
import { filesPlugin } from './modules/files/files.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { mailRoutes } from './modules/mail/mail.routes.ts';
import { questionsRoutes } from './modules/questions/questions.routes.ts';
import { isResponsePublished } from './modules/responses/responses.service.ts';
import { letterParty } from './modules/parties/parties.list.ts';
import { responsesRoutes } from './modules/responses/responses.routes.ts';
import { scenariosRoutes } from './modules/scenarios/scenarios.routes.ts';
import { participantsRoutes } from './modules/participants/participants.routes.ts';
import { commentsRoutes } from './modules/comments/comments.routes.ts';
import { ballotsRoutes } from './modules/ballots/ballots.routes.ts';
import { rankingsRoutes } from './modules/rankings/rankings.routes.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { stakeholderInputsRoutes } from './modules/stakeholder-inputs/stakeholder-inputs.routes.ts';
import { partiesRoutes } from './modules/parties/parties.routes.ts';
import { reviewsRoutes } from './modules/reviews/reviews.routes.ts';
import { findingsRoutes } from './modules/findings/findings.routes.ts';
import { reportsRoutes } from './modules/reports/reports.routes.ts';

/**
 * TRUST_PROXY for Fastify. A hop count becomes proxy-addr's function form (trust the nearest `n`
 * addresses): Fastify 5 takes a bare number as "trust nothing", and `true` would trust every
 * X-Forwarded-For hop, so a client could pick its own address (issue 10 item 2).
 */
function trustProxyOption(tp: Config['trustProxy']): false | string[] | ((addr: string, i: number) => boolean) {
  return typeof tp === 'number' ? (_addr, i) => i < tp : tp;
}

export type AppDeps = {
  config: Config;
  db: DbHandle;
  /** A read replica (DATABASE_READ_URL) for anonymous public reads; the caller opens and closes it. */
  readDb?: DbHandle | undefined;
};

/** Builds the app without listening: the server listens, tests use `app.inject`. */
export async function buildApp({ config, db, readDb }: AppDeps): Promise<FastifyInstance> {
  assertServable(config);
  const publicUrl = config.publicUrl;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
            // A download link's token (an inbox export's) is a secret: never in the log.
            serializers: {
              req: (req: { method: string; url: string; host?: string; ip?: string }) => ({
                method: req.method,
                url: req.url.replace(/([?&]token=)[^&]*/g, '$1[redacted]'),
                host: req.host,
                remoteAddress: req.ip,
              }),
            },
            ...(config.logPretty ? { transport: { target: 'pino-pretty' } } : {}),
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: trustProxyOption(config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // One hook for every answer's headers (each hook costs a turn on the hot read path).
  app.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'same-origin');
    void reply.header('x-frame-options', 'DENY');
    // HSTS whenever the request came over TLS; behind a proxy `req.protocol` reads X-Forwarded-Proto
    // only from the proxies TRUST_PROXY names (issue 10 item 9).
    if (req.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // API answers carry sessions and personal data: no shared or browser cache keeps them unless a
    // route says otherwise (issue 10 item 9).
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  await app.register(errorsPlugin);
  // Requests in flight, which the background loops yield to (server/shared/background.ts).
  trackRequests(app);
  await app.register(pressurePlugin, {
    // PGlite runs its queries on this event loop: a slow query is not overload there.
    maxEventLoopDelayMs: db.kind === 'postgres' ? config.loadShed.eventLoopDelayMs : 0,
    maxDbQueue: config.loadShed.dbQueue,
    retryAfterS: config.loadShed.retryAfterS,
    dbQueue: db.queue,
  });
  await app.register(dbPlugin, { handle: db });
  await app.register(jobsPlugin, { handle: db, enabled: config.jobsEnabled });
  await app.register(cookie);
  await app.register(limitsPlugin, { namespace: config.rateLimitNamespace, shared: db.kind === 'postgres' });
  await app.register(authPlugin, { publicUrl, cookieSecure: config.cookieSecure });
  await app.register(replicaPlugin, {
    replica: readDb?.db,
    readAfterWriteSeconds: config.readAfterWriteSeconds,
    secure: config.cookieSecure,
  });
  await app.register(inputPlugin);
  await app.register(openapiPlugin);

  await app.register(healthRoutes);
  await app.register(accountsRoutes, {
    ttlHours: config.sessionTtlHours,
    secure: config.cookieSecure,
    loginPerMinute: config.rateLimitLoginPerMinute,
  });
  await app.register(identityRoutes, { config, publicUrl, perMinute: config.rateLimitLoginPerMinute });
  await app.register(auditRoutes);
  await app.register(consultationsRoutes);
  await app.register(scenariosRoutes);
  await app.register(participantsRoutes, { publicUrl, perMinute: config.rateLimitLoginPerMinute });
  await app.register(commentsRoutes, { publicUrl });
  await app.register(ballotsRoutes);
  await app.register(rankingsRoutes, { minSegment: config.resultsMinSegment });
  await app.register(filesPlugin, { config, isPublished: isResponsePublished });
  await app.register(questionsRoutes);
  await app.register(responsesRoutes, {
    publicUrl,
    maxFiles: config.uploadMaxFiles,
    submitPerMinute: config.rateLimitSubmitPerMinute,
    smtpConfigured: Boolean(config.smtpUrl),
    importMaxBytes: config.importMaxBytes,
    letterParty,
  });
  await app.register(mailRoutes, {
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    relay: config.jobsEnabled,
    pollMs: config.mailPollMs,
  });
  await app.register(partiesRoutes, {
    publicUrl,
    smtpConfigured: Boolean(config.smtpUrl),
    reminderDays: config.partyReminderDays,
  });
  await app.register(analysisRoutes, {
    indexEveryMs: config.jobsEnabled ? config.analysisIndexMs : 0,
    indexBudgetMs: config.analysisIndexBudgetMs,
    indexMaxDeferMs: config.analysisIndexMaxDeferMs,
    exportDirectMaxRows: config.exportDirectMaxRows,
    exportLinkHours: config.exportLinkHours,
    // Large exports run in a child process of their own, with PostgreSQL (PGlite is this process's).
    ...(db.kind === 'postgres' && db.databaseUrl
      ? {
          exportJobProcess: {
            databaseUrl: db.databaseUrl,
            preparedStatements: config.databasePreparedStatements,
            filesDir: config.filesDir,
            s3: config.s3,
          },
        }
      : {}),
  });
  await app.register(stakeholderInputsRoutes);

  await app.register(reviewsRoutes, {
    minSegment: config.resultsMinSegment,
    publicUrl,
    inviteDays: config.reviewInviteDays,
    reminderDays: config.reviewReminderDays,
  });
  await app.register(findingsRoutes, {
    evidenceMaxBytes: config.findingEvidenceMaxBytes,
    importMaxBytes: config.findingImportMaxBytes,
  });
  await app.register(reportsRoutes, { publicUrl, smtpConfigured: Boolean(config.smtpUrl) });

  await app.register(clientPlugin, { dist: config.clientDist });
  return app;
}
