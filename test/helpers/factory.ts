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
import type { TestApp, TestUser } from './app.ts';

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
 * and asserts only about them (STYLE.md §5).
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

export class Factory<S> {
  constructor(readonly driver: Driver<S>) {}

  /** A request that must answer `expected`; its body, typed. */
  async ok<T>(who: S | null, method: string, path: string, body: unknown, expected: number): Promise<T> {
    const res = await this.driver.request<T>(who, method, path, body);
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
