import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import type { Account } from '../../server/modules/accounts/accounts.schemas.ts';
import type { Comment } from '../../server/modules/comments/comments.schemas.ts';
import type {
  Consultation,
  CreateConsultationInput,
} from '../../server/modules/consultations/consultations.schemas.ts';
import type { CreateQuestionInput, Question } from '../../server/modules/questions/questions.schemas.ts';
import type { CreateScenarioInput, Scenario } from '../../server/modules/scenarios/scenarios.schemas.ts';
import type { Role } from '../../server/shared/schemas.ts';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { AttachmentRef } from '../../server/modules/files/files.schemas.ts';
import type { OutboxItem } from '../../server/modules/mail/mail.schemas.ts';
import { renderedOf } from '../../server/modules/mail/mail.templates.ts';
import type { StaffResponse } from '../../server/modules/responses/publication.schemas.ts';
import type { Consent } from '../../server/modules/responses/responses.rules.ts';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import { call, json, type TestApp, type TestUser } from './app.ts';

/**
 * The one place tests make their rows (issue 9, item 6), after immich's `test/medium.factory.ts`:
 *
 *     const f = factory(t);                                   // integration: app.inject
 *     const f = browserFactory(baseUrl());                    // browser tests: HTTP from a context
 *     const { consultation, scenarios } = await f.newOpenConsultation(admin);
 *
 * Everything goes through the public API, as an admin's pages would, so the rows are the ones the
 * app itself makes. One typed interface, two drivers: `S` is whatever a driver signs a request with
 * (a signed-in test user's cookie, or a browser context's cookie jar). Each test makes its own rows
 * and asserts only about them (STYLE.md §5). Below the factory: the integration tests' set-up over
 * app.inject (submissions, decisions, uploads, mail read from the outbox, deadlines moved in the database).
 * What only a browser has (a signed-in context, the recipients' mailboxes) is in test/e2e/browser.ts.
 */

/** A page of a listing, as every listing route answers. */
export type Page<T> = { items: T[]; nextCursor: string | null };

export type ApiResult<T> = { status: number; body: T };

/** The body of every refusal (server/plugins/errors.ts). */
export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/** How a factory reaches the app. */
export interface Driver<S> {
  request<T>(
    who: S | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResult<T>>;
}

export type Localized = { da: string; en: string };
export type ConsultationOverrides = Partial<Omit<CreateConsultationInput, 'opensAt' | 'closesAt'>> & {
  opensAt?: string | null | undefined;
  closesAt?: string | null | undefined;
};
export type ScenarioSpec = { key: string } & Partial<Omit<CreateScenarioInput, 'key'>>;
export type QuestionSpec = Partial<CreateQuestionInput> & Pick<CreateQuestionInput, 'kind'>;
export type OpenConsultationSpec = {
  consultation?: ConsultationOverrides;
  scenarios?: ScenarioSpec[];
  questions?: QuestionSpec[];
};
/**
 * Rows a test asked for, in order. The first few are typed as present (the test named them), so
 * `const [s1, s2] = scenarios` needs no assertion under `noUncheckedIndexedAccess`.
 */
export type Made<T> = T[] & {
  readonly 0: T;
  readonly 1: T;
  readonly 2: T;
  readonly 3: T;
  readonly 4: T;
  readonly 5: T;
};
export type OpenConsultation = { consultation: Consultation; scenarios: Made<Scenario>; questions: Made<Question> };
export type NewAccount = { account: Account; email: string; password: string };
/** A participant made for a test, with what signing in takes. */
export type Participant = { id: string; email: string; password: string; displayName: string };
/** A debate's scenario as the tests address it: its paragraphs' ids, in the Danish text's order. */
export type DebateScenario = { id: string; key: string; title: Localized; paragraphs: string[] };
export type Debate = { id: string; slug: string; scenarios: DebateScenario[] };
export type DebateSpec = { scenarios?: ScenarioSpec[]; closesInDays?: number; title?: Localized };

export const DAY_MS = 86_400_000;
export const uniqueSlug = (prefix = 'test') => `${prefix}-${randomUUID().slice(0, 8)}`;
export const freshEmail = (prefix = 'p') => `${prefix}-${randomUUID().slice(0, 8)}@test.example`;

/** The scenario a spec names, with Danish and English wording made up from its key. */
export function scenarioInput(s: ScenarioSpec): CreateScenarioInput {
  return {
    key: s.key,
    title: s.title ?? { da: `Scenarie ${s.key}`, en: `Scenario ${s.key}` },
    summary: s.summary ?? { da: '', en: '' },
    description: s.description ?? {
      da: `Første afsnit af ${s.key}.\n\nAndet afsnit.`,
      en: `First paragraph of ${s.key}.\n\nSecond paragraph.`,
    },
  };
}

/** The two scenarios of a debate a test makes, three and two paragraphs long. */
export const DEBATE_SCENARIOS: ScenarioSpec[] = [
  {
    key: 'S1',
    title: { da: 'Én fælles løsning', en: 'One shared solution' },
    description: {
      da: 'Staten driver én løsning for alle.\n\nKommunerne tilslutter sig inden for to år.\n\nBorgerne får én adgang.',
      en: 'The state runs one solution for everyone.\n\nThe municipalities join within two years.\n\nCitizens get one way in.',
    },
  },
  {
    key: 'S2',
    title: { da: 'Flere konkurrerende løsninger', en: 'Several competing solutions' },
    description: {
      da: 'Private leverandører udbyder hver sin løsning.\n\nStaten fastsætter kravene.',
      en: 'Private suppliers each offer a solution.\n\nThe state sets the requirements.',
    },
  },
];

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Factory<S> {
  constructor(readonly driver: Driver<S>) {}

  /** A request that must answer `expected`; its body, typed. */
  async ok<T>(
    who: S | null,
    method: string,
    path: string,
    body: unknown,
    expected: number,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await this.driver.request<T>(who, method, path, body, headers);
    if (res.status !== expected) {
      throw new Error(`${method} ${path}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }

  /** A draft consultation (unique slug, deadline a week ahead). A key given as undefined is left out. */
  newConsultation(admin: S, overrides: ConsultationOverrides = {}): Promise<Consultation> {
    const payload = {
      slug: uniqueSlug(),
      title: { da: 'Test høring', en: 'Test hearing' },
      summary: { da: 'Resumé', en: 'Summary' },
      body: { da: '## Baggrund\n\nTekst.', en: '## Background\n\nText.' },
      closesAt: new Date(Date.now() + 7 * DAY_MS).toISOString(),
      ...overrides,
    };
    return this.ok<Consultation>(admin, 'POST', '/api/consultations', payload, 201);
  }

  newScenario(admin: S, consultationId: string, spec: ScenarioSpec): Promise<Scenario> {
    return this.ok<Scenario>(admin, 'POST', `/api/consultations/${consultationId}/scenarios`, scenarioInput(spec), 201);
  }

  newQuestion(admin: S, consultationId: string, spec: QuestionSpec): Promise<Question> {
    return this.ok<Question>(admin, 'POST', `/api/consultations/${consultationId}/questions`, spec, 201);
  }

  transition(admin: S, consultationId: string, to: Consultation['phase']): Promise<Consultation> {
    return this.ok<Consultation>(admin, 'POST', `/api/consultations/${consultationId}/transition`, { to }, 200);
  }

  /**
   * A review round with a decision selecting the consultation's first scenario (one is made when there
   * is none): what "concluded" asks for (issue 14 story 4). Returns the round's id.
   */
  async recordDecision(admin: S, consultationId: string): Promise<string> {
    const base = `/api/consultations/${consultationId}`;
    let scenarios = await this.ok<{ id: string }[]>(admin, 'GET', `${base}/scenarios`, undefined, 200);
    if (scenarios.length === 0) scenarios = [await this.newScenario(admin, consultationId, { key: 'S1' })];
    const dueAt = new Date(Date.now() + 7 * DAY_MS).toISOString();
    const round = await this.ok<{ id: string }>(admin, 'POST', `${base}/review-rounds`, { dueAt }, 201);
    const outcomes = scenarios.map((s, i) => ({
      scenarioId: s.id,
      outcome: i === 0 ? 'selected' : 'eliminated',
      reasons: i === 0 ? 'Bedst vurderet.' : 'Fravalgt.',
    }));
    await this.ok(admin, 'PUT', `${base}/review-rounds/${round.id}/decision`, { outcomes }, 200);
    return round.id;
  }

  /** Concludes a consultation in "analysis": a decision, and the reason it concludes without a published report. */
  async conclude(
    admin: S,
    consultationId: string,
    reason = 'Høringsnotatet er udgivet som PDF',
  ): Promise<Consultation> {
    await this.recordDecision(admin, consultationId);
    const path = `/api/consultations/${consultationId}/transition`;
    return this.ok<Consultation>(admin, 'POST', path, { to: 'concluded', reason }, 200);
  }

  /** A consultation with its scenarios and questions, then opened. */
  async newOpenConsultation(admin: S, spec: OpenConsultationSpec = {}): Promise<OpenConsultation> {
    const draft = await this.newConsultation(admin, spec.consultation);
    const scenarios: Scenario[] = [];
    for (const s of spec.scenarios ?? []) scenarios.push(await this.newScenario(admin, draft.id, s));
    const questions: Question[] = [];
    for (const q of spec.questions ?? []) questions.push(await this.newQuestion(admin, draft.id, q));
    const consultation = await this.transition(admin, draft.id, 'open');
    return { consultation, scenarios: scenarios as Made<Scenario>, questions: questions as Made<Question> };
  }

  /** An account made by an admin (confirmed at once). */
  async newAccount(
    admin: S,
    opts: { roles?: Role[]; locale?: 'da' | 'en'; displayName?: string; email?: string } = {},
  ): Promise<NewAccount> {
    const email = opts.email ?? freshEmail();
    const password = `a long enough password ${randomUUID().slice(0, 8)}`;
    const account = await this.ok<Account>(
      admin,
      'POST',
      '/api/accounts',
      {
        email,
        displayName: opts.displayName ?? 'Test Person',
        password,
        roles: opts.roles ?? ['participant'],
        locale: opts.locale ?? 'da',
      },
      201,
    );
    return { account, email, password };
  }

  /** A participant (confirmed at once) writing in `locale`, whose address is made from `name`. */
  async newParticipant(
    admin: S,
    locale: 'da' | 'en',
    name: string,
    displayName = `${name} (${locale})`,
  ): Promise<Participant> {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${locale}-${randomUUID().slice(0, 8)}@example.dk`;
    const { account, password } = await this.newAccount(admin, { roles: ['participant'], locale, displayName, email });
    return { id: account.id, email, password, displayName };
  }

  /**
   * An open debate of a test's own (slug from `name`, opened a day ago, deadline `closesInDays`
   * ahead) with its scenarios (default: DEBATE_SCENARIOS), as the admin pages would build it.
   */
  async newDebate(admin: S, name: string, opts: DebateSpec = {}): Promise<Debate> {
    const slug = uniqueSlug(name);
    const now = Date.now();
    const { consultation, scenarios } = await this.newOpenConsultation(admin, {
      consultation: {
        slug,
        title: opts.title ?? { da: `Debat ${slug}`, en: `Debate ${slug}` },
        summary: { da: 'En høring til browsertestene.', en: 'A consultation for the browser tests.' },
        body: undefined,
        opensAt: new Date(now - DAY_MS).toISOString(),
        closesAt: new Date(now + (opts.closesInDays ?? 14) * DAY_MS).toISOString(),
      },
      scenarios: opts.scenarios ?? DEBATE_SCENARIOS,
    });
    return {
      id: consultation.id,
      slug,
      scenarios: scenarios.map((s) => ({
        id: s.id,
        key: s.key,
        title: s.title,
        paragraphs: s.paragraphs.da.map((p) => p.id),
      })),
    };
  }

  /** A comment on a paragraph, on the whole scenario, or a reply. */
  newComment(
    who: S,
    scenarioId: string,
    body: string,
    where: { paragraphId?: string; parentId?: string } = {},
  ): Promise<Comment> {
    return this.ok<Comment>(who, 'POST', `/api/scenarios/${scenarioId}/comments`, { body, ...where }, 201);
  }

  /** Moves a consultation's deadline, as an admin editing its times would. */
  async setDeadline(admin: S, consultationId: string, closesAt: Date): Promise<Consultation> {
    const c = await this.ok<Consultation>(admin, 'GET', `/api/consultations/${consultationId}`, undefined, 200);
    const body = { version: c.version, closesAt: closesAt.toISOString() };
    return this.ok<Consultation>(admin, 'PATCH', `/api/consultations/${consultationId}`, body, 200);
  }

  /** A response sent as the public form sends it (a fresh idempotency key); its receipt. */
  newResponse(
    who: S | null,
    consultation: string,
    r: { name: string; email: string; body: string; consent?: Consent },
  ): Promise<Receipt> {
    const payload = {
      respondent: { name: r.name, email: r.email, actingAs: 'citizen' },
      consent: r.consent ?? 'public_named',
      body: r.body,
    };
    const headers = { 'idempotency-key': randomUUID() };
    return this.ok<Receipt>(who, 'POST', `/api/consultations/${consultation}/responses`, payload, 201, headers);
  }

  /** The newest mail of `kind` to `to` (after `after`), as staff read the outbox; the job may take a moment. */
  async outboxMail(staff: S, to: string, kind: string, after?: string): Promise<OutboxItem> {
    const path = `/api/mail/outbox?to=${encodeURIComponent(to)}&limit=100`;
    for (let i = 0; i < 100; i++) {
      const { items } = await this.ok<Page<OutboxItem>>(staff, 'GET', path, undefined, 200);
      const mail = items.find((m) => m.kind === kind && (!after || m.createdAt > after));
      if (mail) return mail;
      await pause(200);
    }
    throw new Error(`no ${kind} mail to ${to}`);
  }
}

/** app.inject with a signed-in test user's cookie (integration tests). */
export function injectDriver(t: TestApp): Driver<TestUser> {
  return {
    async request<T>(who: TestUser | null, method: string, url: string, payload?: unknown, headers = {}) {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
        headers: { ...headers, ...(who ? { cookie: who.cookie } : {}) },
      });
      return { status: res.statusCode, body: (res.body ? JSON.parse(res.body) : null) as T };
    },
  };
}

export const factory = (t: TestApp) => new Factory(injectDriver(t));

/** HTTP from a browser context's cookie jar, same origin, as the app's pages make their calls. */
export function browserDriver(origin: string): Driver<BrowserContext> {
  return {
    async request<T>(who: BrowserContext | null, method: string, path: string, data?: unknown, headers = {}) {
      if (!who) throw new Error('the browser driver needs a context');
      const res = await who.request.fetch(path, { method, data, headers: { origin, ...headers } });
      const text = await res.text();
      return { status: res.status(), body: (text ? JSON.parse(text) : null) as T };
    },
  };
}

export const browserFactory = (origin: string) => new Factory(browserDriver(origin));

// Set-up through app.inject for the debate-and-ranking tests (issue #5).

/** An open consultation with scenarios, made through the API by an admin. */
export async function makeOpenConsultation(
  t: TestApp,
  admin: TestUser,
  specs: ScenarioSpec[] = [{ key: 'S1' }, { key: 'S2' }, { key: 'S3' }],
): Promise<{ consultation: Consultation; scenarios: Made<Scenario> }> {
  const { consultation, scenarios } = await factory(t).newOpenConsultation(admin, { scenarios: specs });
  return { consultation, scenarios };
}

/** Moves the deadline into the past (the consultation stays "open" but no longer takes input). */
export async function passDeadline(t: TestApp, consultationId: string): Promise<void> {
  await sql`update consultations set closes_at = now() - interval '1 minute' where id = ${consultationId}`.execute(
    t.handle.db,
  );
}

export async function restoreDeadline(t: TestApp, consultationId: string): Promise<void> {
  await sql`update consultations set closes_at = now() + interval '7 days' where id = ${consultationId}`.execute(
    t.handle.db,
  );
}

export type OutboxMail = { recipient: string; subject: string; textBody: string; kind: string; locale: string };

/** Mails written to the outbox for an address, oldest first (one kept as a template, rendered). */
export async function mailsTo(t: TestApp, recipient: string): Promise<OutboxMail[]> {
  const { rows } = await sql<
    OutboxMail & {
      subject: string | null;
      textBody: string | null;
      htmlBody: string | null;
      template: unknown;
      locale: 'da' | 'en';
    }
  >`
    select recipient, subject, text_body, html_body, template, kind, locale from mail_outbox
    where recipient = ${recipient} order by created_at, id`.execute(t.handle.db);
  return rows.map((r) => {
    const m = renderedOf(r);
    return { recipient: r.recipient, subject: m.subject, textBody: m.text, kind: r.kind, locale: r.locale };
  });
}

export async function lastMailTo(t: TestApp, recipient: string): Promise<OutboxMail> {
  const all = await mailsTo(t, recipient);
  const last = all.at(-1);
  if (!last) throw new Error(`no mail to ${recipient}`);
  return last;
}

export function tokenIn(mail: OutboxMail): string {
  const m = /#token=([A-Za-z0-9_-]{43})/.exec(mail.textBody);
  if (!m) throw new Error(`no token in mail: ${mail.textBody}`);
  return m[1]!;
}

/** The address of the first link to this app in a mail's text, as a path with its fragment. */
export function linkIn(mailText: string): string {
  const m = /https?:\/\/[^\s/]+(\/\S*)/.exec(mailText);
  if (!m) throw new Error(`no link in: ${mailText}`);
  return m[1]!;
}

export const login = (t: TestApp, email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

/** Registers through the API, opens the mailed link and signs in: a self-registered participant. */
export async function registeredParticipant(t: TestApp, opts: { locale?: 'da' | 'en' } = {}): Promise<TestUser> {
  const email = freshEmail();
  const password = `pw-${randomUUID()}`;
  const reg = await t.app.inject({
    method: 'POST',
    url: '/api/participants/register',
    payload: { email, password, displayName: 'Registered Person', locale: opts.locale ?? 'da' },
  });
  if (reg.statusCode !== 202) throw new Error(`register failed: ${reg.body}`);
  const token = tokenIn(await lastMailTo(t, email));
  const conf = await t.app.inject({ method: 'POST', url: '/api/participants/confirm', payload: { token } });
  if (conf.statusCode !== 200) throw new Error(`confirm failed: ${conf.body}`);
  const res = await login(t, email, password);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return {
    id: json<{ id: string }>(res).id,
    email,
    password,
    roles: ['participant'],
    cookie: String(res.headers['set-cookie']).split(';')[0]!,
  };
}

// Set-up through app.inject for the hearing-response tests (issue 4). Each test makes its own consultation.

/** A fresh IPv4 address per request keeps the tests clear of the per-IP submission limit. */
export const someIp = () =>
  `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

export const TEXT_Q: QuestionSpec = {
  kind: 'text',
  required: true,
  prompt: { da: 'Hvad mener du?', en: 'What do you think?' },
};
export const SINGLE_Q: QuestionSpec = {
  kind: 'single',
  required: false,
  prompt: { da: 'Foretrukket løsning', en: 'Preferred solution' },
  options: [
    { id: 'yes', label: { da: 'Ja', en: 'Yes' } },
    { id: 'no', label: { da: 'Nej', en: 'No' } },
  ],
};
export const MULTI_Q: QuestionSpec = {
  kind: 'multi',
  required: false,
  prompt: { da: 'Hvilke tjenester bruger du?', en: 'Which services do you use?' },
  options: [
    { id: 'bank', label: { da: 'Netbank', en: 'Online banking' } },
    { id: 'tax', label: { da: 'Skat', en: 'Tax' } },
    { id: 'health', label: { da: 'Sundhed', en: 'Health' } },
  ],
};
export const SCALE_Q: QuestionSpec = {
  kind: 'scale',
  required: false,
  prompt: { da: 'Tilfredshed', en: 'Satisfaction' },
};

/** An open consultation with the given questionnaire (default: one required free-text question). */
export async function openConsultation(
  t: TestApp,
  admin: TestUser,
  questions: QuestionSpec[] = [TEXT_Q],
  overrides: ConsultationOverrides = {},
): Promise<{ c: Consultation; questions: Made<Question> }> {
  const open = await factory(t).newOpenConsultation(admin, { consultation: overrides, questions });
  return { c: open.consultation, questions: open.questions };
}

/** A valid submission answering every free-text question. */
export function submission(questions: Pick<Question, 'id' | 'kind'>[], overrides: Record<string, unknown> = {}) {
  const answers = questions
    .filter((q) => q.kind === 'text')
    .map((q) => ({ questionId: q.id, value: 'Jeg støtter forslaget.' }));
  return {
    respondent: { name: 'Karen Jensen', email: `karen-${randomUUID().slice(0, 8)}@example.dk`, actingAs: 'citizen' },
    consent: 'public_named',
    body: 'Et digitalt ID skal kunne bruges af alle borgere, også uden smartphone.',
    answers,
    ...overrides,
  };
}

export function submit(
  t: TestApp,
  consultationId: string,
  payload: unknown,
  opts: { key?: string; ip?: string; user?: TestUser | null } = {},
): Promise<LightMyRequestResponse> {
  return call(t, opts.user ?? null, {
    method: 'POST',
    url: `/api/consultations/${consultationId}/responses`,
    payload: payload as Record<string, unknown>,
    remoteAddress: opts.ip ?? someIp(),
    headers: opts.key ? { 'idempotency-key': opts.key } : {},
  });
}

/** Submits and returns the receipt (throws unless 201). */
export async function submitOk(t: TestApp, consultationId: string, payload: unknown, opts: { key?: string } = {}) {
  const res = await submit(t, consultationId, payload, opts);
  if (res.statusCode !== 201) throw new Error(`submission failed: ${res.statusCode} ${res.body}`);
  const receipt = json<Receipt>(res);
  // A first submission always carries its edit token (only a letter or a replay has none).
  if (receipt.editToken === null && !opts.key) throw new Error('a first submission without an edit token');
  return receipt as Receipt & { editToken: string };
}

export async function decide(
  t: TestApp,
  staff: TestUser,
  responseId: string,
  decision: 'approve' | 'reject',
  reason?: string,
) {
  const res = await call(t, staff, {
    method: 'POST',
    url: `/api/responses/${responseId}/publication`,
    payload: reason ? { decision, reason } : { decision },
  });
  if (res.statusCode !== 200) throw new Error(`decision failed: ${res.body}`);
  return json<StaffResponse>(res);
}

/** Moves the deadline directly in the database (the server clock decides; the API refuses past deadlines). */
export async function setClosesAt(t: TestApp, consultationId: string, at: Date): Promise<void> {
  await sql`update consultations set closes_at = ${at}, opens_at = null where id = ${consultationId}`.execute(
    t.handle.db,
  );
}

export async function countRows(
  t: TestApp,
  table: 'responses' | 'answers' | 'response_versions' | 'mail_outbox',
  consultationId: string,
): Promise<number> {
  const r = await sql<{
    n: string;
  }>`select count(*) as n from ${sql.table(table)} where consultation_id = ${consultationId}`.execute(t.handle.db);
  return Number(r.rows[0]!.n);
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A 1×1 PNG, uploaded through the files module's route; returns the attachment ref. */
export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export async function upload(
  t: TestApp,
  consultationId: string,
  filename = 'kort.png',
  bytes: Buffer = PNG_1x1,
  user: TestUser | null = null,
) {
  const boundary = `----samraad${randomUUID().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await call(t, user, {
    method: 'POST',
    url: `/api/consultations/${consultationId}/attachments`,
    payload,
    remoteAddress: someIp(),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return json<AttachmentRef>(res);
}

/** Puts a new party on the consultation's list (høringsliste); returns its id. */
export async function listNewParty(t: TestApp, admin: TestUser, consultationId: string): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const party = await call(t, admin, {
    method: 'POST',
    url: '/api/parties',
    payload: { name: `Høringspart ${tag}`, kind: 'association', emails: [`hoering-${tag}@part.example`] },
  });
  if (party.statusCode !== 201) throw new Error(`party: ${party.statusCode} ${party.body}`);
  const partyId = json<{ id: string }>(party).id;
  const listed = await call(t, admin, {
    method: 'POST',
    url: `/api/consultations/${consultationId}/parties`,
    payload: { partyIds: [partyId] },
  });
  if (listed.statusCode >= 300) throw new Error(`list: ${listed.statusCode} ${listed.body}`);
  return partyId;
}

/**
 * Puts a new party on the consultation's list (høringsliste) and links the response to it, as staff
 * do for a letter: the response becomes invited (issue 13 story 5; "invited" is never set by hand).
 */
export async function linkToListedParty(
  t: TestApp,
  admin: TestUser,
  consultationId: string,
  responseId: string,
): Promise<string> {
  const partyId = await listNewParty(t, admin, consultationId);
  const linked = await call(t, admin, {
    method: 'POST',
    url: `/api/consultations/${consultationId}/parties/${partyId}/response`,
    payload: { responseId },
  });
  if (linked.statusCode !== 200) throw new Error(`link: ${linked.statusCode} ${linked.body}`);
  return partyId;
}

/**
 * Makes a person "invited" in a consultation the only way there is: a response from their e-mail
 * address, linked to a party on the consultation's list. Their ballots there count as invited.
 */
export async function inviteThroughList(t: TestApp, admin: TestUser, consultationId: string, email: string) {
  const receipt = await submitOk(
    t,
    consultationId,
    submission([], { respondent: { name: 'Listed Party', email, actingAs: 'ngo', organisationName: 'Listed Party' } }),
  );
  return linkToListedParty(t, admin, consultationId, receipt.id);
}
