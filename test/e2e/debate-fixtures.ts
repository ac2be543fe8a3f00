import type { Browser, BrowserContext } from 'playwright-core';
import { expect, inject } from 'vitest';
import type { Account } from '../../server/modules/accounts/accounts.schemas.ts';
import type { OutboxItem } from '../../server/modules/mail/mail.schemas.ts';
import { browserDriver, browserFactory, DAY_MS, type Page, type ScenarioSpec } from '../helpers/factory.ts';
import { baseUrl, newPage, unique, type Lang } from './browser.ts';

// Set-up for the debate journeys through the API, which is faster than the UI and leaves the
// browser for what is being tested. Each test file builds its own consultation and accounts, so
// the files do not depend on each other's order or on what the demo data's hearing has collected.

export const ADMIN = { email: 'admin@samraad.demo', password: 'demo-admin-2026' };
export const ANALYST = { email: 'analyst@samraad.demo', password: 'demo-analyst-2026' };

export type Who = { email: string; password: string };
export type Participant = Who & { id: string; displayName: string };
export type DebateScenario = { id: string; key: string; title: { da: string; en: string }; paragraphs: string[] };
export type Debate = { id: string; slug: string; scenarios: DebateScenario[] };

/** The shared factory (test/helpers/factory.ts) over HTTP from a browser context. */
const f = () => browserFactory(baseUrl());

/**
 * An API call with a context's cookies (same origin, as the app makes it). The body is typed by
 * the caller (`api<Page<Comment>>(…)`); untyped, it is `unknown`.
 */
export function api<T = unknown>(
  context: BrowserContext,
  method: string,
  path: string,
  data?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  return browserDriver(baseUrl()).request<T>(context, method, path, data, headers);
}

export async function apiLogin(context: BrowserContext, who: Who): Promise<void> {
  const r = await api(context, 'POST', '/api/auth/login', { email: who.email, password: who.password });
  expect(r.status, `sign in as ${who.email}`).toBe(200);
}

/** A fresh browser context signed in through the API (for actors whose sign-in is not under test). */
export async function signedInContext(browser: Browser, lang: Lang, who: Who): Promise<BrowserContext> {
  const { context } = await newPage(browser, lang);
  await apiLogin(context, who);
  return context;
}

/** A participant account made by an admin (confirmed at once), writing to us in `lang`. */
export async function createParticipant(
  admin: BrowserContext,
  lang: Lang,
  name: string,
  displayName = `${name} (${lang})`,
): Promise<Participant> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${lang}-${unique()}@example.dk`;
  const password = `a long enough password ${unique()}`;
  const r = await api<Account>(admin, 'POST', '/api/accounts', {
    email,
    displayName,
    password,
    roles: ['participant'],
    locale: lang,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { id: r.body.id, email, password, displayName };
}

/** The newest mail of `kind` to `to`, read by an admin from the outbox (the job may take a moment). */
export async function mailTo(admin: BrowserContext, to: string, kind: string, after?: string): Promise<OutboxItem> {
  for (let i = 0; i < 100; i++) {
    const r = await api<Page<OutboxItem>>(admin, 'GET', `/api/mail/outbox?to=${encodeURIComponent(to)}&limit=100`);
    expect(r.status).toBe(200);
    const mail = r.body.items.find((m) => m.kind === kind && (!after || m.createdAt > after));
    if (mail) return mail;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`no ${kind} mail to ${to}`);
}

/**
 * The newest link to `path` (with its `#token=…`) in a mail delivered to `to`, read from the
 * recipient's mailbox: the outbox never shows staff a link's secret (issue 10 item 1).
 */
export async function secretLinkTo(to: string, path: string): Promise<string> {
  const pattern = new RegExp(
    `https?://[^\\s/]+(${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#token=[A-Za-z0-9_-]{43})`,
  );
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${inject('mailboxUrl')}?to=${encodeURIComponent(to)}`);
    const mails = (await res.json()) as { text: string }[];
    for (const m of [...mails].reverse()) {
      const found = pattern.exec(m.text);
      if (found) return found[1]!;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${path} link mailed to ${to}`);
}

/** The address of the first link to this app in a mail's text, as a path with its fragment. */
export function linkIn(mailText: string): string {
  const m = /https?:\/\/[^\s/]+(\/\S*)/.exec(mailText);
  if (!m) throw new Error(`no link in: ${mailText}`);
  return m[1]!;
}

type ScenarioInput = ScenarioSpec & Pick<Required<ScenarioSpec>, 'title' | 'description'>;

const DEFAULT_SCENARIOS: ScenarioInput[] = [
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

/**
 * An open consultation of our own (unique slug, deadline `closesInDays` ahead) with its scenarios,
 * built by an admin as the admin pages would.
 */
export async function createDebate(
  admin: BrowserContext,
  name: string,
  opts: { scenarios?: ScenarioInput[]; closesInDays?: number; title?: { da: string; en: string } } = {},
): Promise<Debate> {
  const slug = `${name}-${unique()}`;
  const now = Date.now();
  const { consultation, scenarios } = await f().newOpenConsultation(admin, {
    consultation: {
      slug,
      title: opts.title ?? { da: `Debat ${slug}`, en: `Debate ${slug}` },
      summary: { da: 'En høring til browsertestene.', en: 'A consultation for the browser tests.' },
      body: undefined,
      opensAt: new Date(now - DAY_MS).toISOString(),
      closesAt: new Date(now + (opts.closesInDays ?? 14) * DAY_MS).toISOString(),
    },
    scenarios: opts.scenarios ?? DEFAULT_SCENARIOS,
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

/** Moves a consultation's deadline, as an admin editing its times would. */
export async function setDeadline(admin: BrowserContext, consultationId: string, closesAt: Date): Promise<void> {
  await f().setDeadline(admin, consultationId, closesAt);
}

/** Posts a comment (on a paragraph, the whole scenario, or as a reply); returns its id. */
export async function postComment(
  context: BrowserContext,
  scenarioId: string,
  body: string,
  where: { paragraphId?: string; parentId?: string } = {},
): Promise<string> {
  return (await f().newComment(context, scenarioId, body, where)).id;
}
