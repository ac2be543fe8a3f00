import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The only reader of process.env (STYLE.md §1). Every variable is documented in .env.example.
 * Parsing lists every bad variable at once, so a deployment fails with one clear message.
 */
const boolish = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/**
 * Which proxies to believe for X-Forwarded-For/-Proto (issue 10 item 2): never every hop, or a
 * client rotates the header's first address past the rate limits. `true` = the one proxy in front,
 * a number = that many hops, or a comma-separated list of proxy addresses/CIDRs (or proxy-addr's
 * names loopback, linklocal, uniquelocal). Fastify's `trustProxy` takes each form as it is.
 */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (a: string) => {
  const [ip, bits, ...rest] = a.split('/');
  if (rest.length > 0 || !ip) return false;
  const family = isIP(ip);
  if (family === 0) return PROXY_NAMES.has(ip) && bits === undefined;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
};
const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    if (v === undefined || v === 'false' || v === '0') return false;
    if (v === 'true') return 1;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    const list = v.split(',').map((a) => a.trim());
    if (list.every(isProxyAddress)) return list;
    ctx.addIssue({
      code: 'custom',
      message: 'true, false, a number of proxy hops, or a comma-separated list of proxy addresses/CIDRs',
    });
    return z.NEVER;
  });

/**
 * Identity providers (issue 15): zero or more MitID brokers and one staff provider, each as JSON in
 * one variable (the claim mapping differs per broker, so a flat list of variables would not do).
 * A scope that would return a CPR number (`ssn`, `cpr`, …) is refused: Samråd never asks for one.
 */
const CPR_SCOPE = /(^|[\s.:_-])(ssn|cpr|nin)([\s.:_-]|$)/i;
const ClientAuth = z
  .object({
    issuer: z.string().url(),
    clientId: z.string().min(1),
    /** client_secret_basic / _post; or, instead, a PKCS#8 PEM private key for private_key_jwt. */
    clientSecret: z.string().min(1).optional(),
    privateKey: z.string().includes('PRIVATE KEY').optional(),
    privateKeyKid: z.string().optional(),
    scope: z
      .string()
      .default('openid')
      .refine((s) => s.split(/\s+/).includes('openid'), 'must include openid')
      .refine((s) => !CPR_SCOPE.test(s), 'must not ask for a CPR number (ssn/cpr scopes)'),
    /** Extra authorization parameters, e.g. {"idp_values":"mitid"} for Nets eID Broker. */
    authParams: z.record(z.string(), z.string()).default({}),
    /** Also read the userinfo endpoint (a broker that puts its claims there, not in the ID token). */
    userinfo: z.boolean().default(false),
  })
  .refine((b) => Boolean(b.clientSecret) !== Boolean(b.privateKey), 'give clientSecret or privateKey (one of them)');
export const EidBrokerSchema = z.intersection(
  ClientAuth,
  z.object({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'lower-case letters, digits and dashes'),
    label: z.string().default('MitID'),
    /** Claim names (dotted names such as `mitid.uuid` are taken as they are, then as a path). */
    claims: z.object({
      subject: z.string().default('sub'),
      name: z.string().optional(),
      /** The NSIS level, as `https://data.gov.dk/concept/core/nsis/loa/Substantial`, `…/nsis/Substantial` or `substantial`. */
      loa: z.string().default('loa'),
      cvr: z.string().optional(),
      orgName: z.string().optional(),
    }),
  }),
);
export const StaffOidcSchema = z.intersection(
  ClientAuth,
  z.object({
    label: z.string().default('Staff sign-in'),
    emailClaim: z.string().default('email'),
    nameClaim: z.string().default('name'),
    groupsClaim: z.string().default('groups'),
    /** Group → roles. A person in none of the groups is refused. */
    roles: z.record(z.string(), z.array(z.enum(['admin', 'analyst', 'reviewer']))),
  }),
);
const jsonOf = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .optional()
    .transform((v, ctx): z.infer<T> | undefined => {
      if (v === undefined) return undefined;
      let raw: unknown;
      try {
        raw = JSON.parse(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
      const r = schema.safeParse(raw);
      if (r.success) return r.data;
      for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: `${i.path.join('.')}: ${i.message}` });
      return z.NEVER;
    });

/** The environment variables the app reads (exported for the check that the deployment files name only these). */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_READ_URL: z.string().url().optional(),
  DATABASE_PREPARED_STATEMENTS: z.enum(['true', 'false']).default('true'),
  READ_AFTER_WRITE_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'an http(s) address such as https://samraad.example.dk')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: boolish,
  TRUST_PROXY: trustProxy,
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_SUBMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LOAD_SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(300),
  LOAD_SHED_DB_QUEUE: z.coerce.number().int().min(0).max(100_000).default(200),
  LOAD_SHED_RETRY_AFTER_S: z.coerce.number().int().min(1).max(600).default(2),
  RATE_LIMIT_NAMESPACE: z
    .string()
    .regex(/^[\w.-]{0,60}$/, 'letters, digits, _ . - (at most 60)')
    .default(''),
  RESULTS_MIN_SEGMENT: z.coerce.number().int().min(1).max(1000).default(5),
  REVIEW_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  REVIEW_INVITE_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  CLIENT_DIST: z.string().default('./dist/client'),
  JOBS_ENABLED: z.enum(['true', 'false']).default('true'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Samråd <no-reply@samraad.local>'),
  MAIL_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  ANALYSIS_INDEX_MS: z.coerce.number().int().min(0).max(600_000).default(3000),
  ANALYSIS_INDEX_BUDGET_MS: z.coerce.number().int().min(50).max(600_000).default(250),
  ANALYSIS_INDEX_MAX_DEFER_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  FILES_DIR: z.string().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('eu-north-1'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: boolish,
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(100).default(10),
  FINDING_EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  FINDING_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  EXPORT_DIRECT_MAX_ROWS: z.coerce.number().int().min(0).default(50_000),
  EXPORT_LINK_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  PARTY_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(500 * 1024 * 1024),
  FILES_ORPHAN_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(72),
  EID_BROKERS: jsonOf(
    z.array(EidBrokerSchema).refine((a) => new Set(a.map((b) => b.id)).size === a.length, 'broker ids must differ'),
  ),
  STAFF_OIDC: jsonOf(StaffOidcSchema),
  /** Development/test only: allow identity providers on plain http (never in production). */
  OIDC_ALLOW_HTTP: boolish,
});

export type EidBroker = z.infer<typeof EidBrokerSchema>;
export type StaffOidc = z.infer<typeof StaffOidcSchema>;

export type Config = Readonly<{
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Named prepared statements for hot queries; false behind PgBouncer < 1.21 in transaction mode. */
  databasePreparedStatements: boolean;
  /** A streaming read replica for anonymous public reads (issue 15 item 8); undefined: the primary. */
  databaseReadUrl: string | undefined;
  /** After a write, this browser reads from the primary for this long (read-your-writes). */
  readAfterWriteSeconds: number;
  dataDir: string;
  /**
   * The origin of every link in mail (never the request's Host). PUBLIC_URL, or on the embedded
   * database (the demo, a laptop) http://localhost:PORT; undefined only for a CLI on DATABASE_URL
   * without PUBLIC_URL, which sends no mail: the server refuses to start so (`assertServable`).
   */
  publicUrl: string | undefined;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  logPretty: boolean;
  /** Fastify's trustProxy: false, a number of hops, or proxy addresses/CIDRs. */
  trustProxy: false | number | string[];
  cookieSecure: 'auto' | 'true' | 'false';
  sessionTtlHours: number;
  seedDemo: 'auto' | 'true' | 'false';
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  bodyLimitBytes: number;
  rateLimitLoginPerMinute: number;
  /** Submissions, edits and uploads per IP and minute (a client retries with its Idempotency-Key). */
  rateLimitSubmitPerMinute: number;
  /** Load shedding (issue 15 item 6): 503 with Retry-After past these limits; 0 turns a limit off. */
  loadShed: { eventLoopDelayMs: number; dbQueue: number; retryAfterS: number };
  /** Prefix of this deployment's rate-limit counters in PostgreSQL (instances of one deployment share it). */
  rateLimitNamespace: string;
  /** Segments with fewer rankings than this are shown to staff only (statistical disclosure). */
  resultsMinSegment: number;
  /** Days before a review round's due date that reviewers who have not signed off get a reminder; 0: none (issue 14). */
  reviewReminderDays: number;
  /** How long a reviewer's invitation link (choose a password) works, in days. */
  reviewInviteDays: number;
  clientDist: string;
  jobsEnabled: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  mailPollMs: number;
  /** How often the analysis inbox indexer follows new input (ms); 0 turns it off (issue 11). */
  analysisIndexMs: number;
  /** The longest one indexing run works before it leaves the rest to the next (ms). */
  analysisIndexBudgetMs: number;
  analysisIndexMaxDeferMs: number;
  /** Local blob store directory (default `<DATA_DIR>/files`); ignored when S3 is configured. */
  filesDir: string;
  s3:
    | {
        bucket: string;
        region: string;
        endpoint: string | undefined;
        accessKeyId: string | undefined;
        secretAccessKey: string | undefined;
        forcePathStyle: boolean;
      }
    | undefined;
  uploadMaxBytes: number;
  uploadMaxFiles: number;
  /** The largest evidence file of a user-test finding (a screenshot, PDF or short clip), in bytes. */
  findingEvidenceMaxBytes: number;
  /** The largest CSV of findings imported from a usability lab's spreadsheet, in bytes. */
  findingImportMaxBytes: number;
  /** The most bytes one bulk import upload (a CSV with its files, a ZIP, mail files) may send in all. */
  importMaxBytes: number;
  /** Inbox exports of more items than this run as a background job with an expiring download link. */
  exportDirectMaxRows: number;
  /** How long an export job's download link works. */
  exportLinkHours: number;
  /** Days before the deadline a consulted party that has not answered is reminded (issue 13; per consultation too). */
  partyReminderDays: number;
  /** Unlinked uploads are deleted this many hours after they can no longer be used (upload/upload.sweep.ts). */
  filesOrphanHours: number;
  /** MitID brokers (issue 15), none by default. */
  eidBrokers: readonly EidBroker[];
  /** The agency's OpenID Connect provider for staff single sign-on, if any. */
  staffOidc: StaffOidc | undefined;
  oidcAllowHttp: boolean;
}>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`FOO=` in an env file or compose) means "not set", never an empty value.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.ADMIN_EMAIL && !e.ADMIN_PASSWORD) || (!e.ADMIN_EMAIL && e.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid environment:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS === 'true',
    readAfterWriteSeconds: e.READ_AFTER_WRITE_SECONDS,
    dataDir: e.DATA_DIR,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, '') ?? (e.DATABASE_URL ? undefined : `http://localhost:${e.PORT}`),
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    seedDemo: e.SEED_DEMO,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitLoginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
    rateLimitSubmitPerMinute: e.RATE_LIMIT_SUBMIT_PER_MINUTE,
    rateLimitNamespace: e.RATE_LIMIT_NAMESPACE,
    loadShed: {
      eventLoopDelayMs: e.LOAD_SHED_EVENT_LOOP_DELAY_MS,
      dbQueue: e.LOAD_SHED_DB_QUEUE,
      retryAfterS: e.LOAD_SHED_RETRY_AFTER_S,
    },
    resultsMinSegment: e.RESULTS_MIN_SEGMENT,
    reviewReminderDays: e.REVIEW_REMINDER_DAYS,
    reviewInviteDays: e.REVIEW_INVITE_DAYS,
    clientDist: e.CLIENT_DIST,
    jobsEnabled: e.JOBS_ENABLED === 'true',
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailPollMs: e.MAIL_POLL_MS,
    analysisIndexMs: e.ANALYSIS_INDEX_MS,
    analysisIndexBudgetMs: e.ANALYSIS_INDEX_BUDGET_MS,
    analysisIndexMaxDeferMs: e.ANALYSIS_INDEX_MAX_DEFER_MS,
    filesDir: e.FILES_DIR ?? `${e.DATA_DIR.replace(/\/$/, '')}/files`,
    s3: e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : undefined,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    uploadMaxFiles: e.UPLOAD_MAX_FILES,
    findingEvidenceMaxBytes: e.FINDING_EVIDENCE_MAX_BYTES,
    findingImportMaxBytes: e.FINDING_IMPORT_MAX_BYTES,
    importMaxBytes: e.IMPORT_MAX_BYTES,
    exportDirectMaxRows: e.EXPORT_DIRECT_MAX_ROWS,
    exportLinkHours: e.EXPORT_LINK_HOURS,
    partyReminderDays: e.PARTY_REMINDER_DAYS,
    filesOrphanHours: e.FILES_ORPHAN_HOURS,
    eidBrokers: e.EID_BROKERS ?? [],
    staffOidc: e.STAFF_OIDC,
    oidcAllowHttp: e.OIDC_ALLOW_HTTP,
  });
}

/**
 * What the server needs beyond what every CLI needs: the public address for mailed links. The
 * embedded database (development, the demo) has a default; a deployment on DATABASE_URL must say.
 */
export function assertServable(config: Config): asserts config is Config & { publicUrl: string } {
  if (!config.publicUrl) {
    throw new ConfigError(
      'Invalid environment:\n  PUBLIC_URL: required with DATABASE_URL — the address people use, e.g. https://samraad.example.dk (links in mail are built from it, never from the request)',
    );
  }
}
