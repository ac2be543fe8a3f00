import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Loa } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, forbidden, notFound } from '../../shared/errors.ts';
import { activeActor, createSession, upsertStaffAccount } from '../accounts/accounts.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sendLinkConfirmation, type MailContext } from '../participants/participants.service.ts';
import { getOwnResponse } from '../responses/edit-link/edit-link.service.ts';
import { consultationOfResponse } from '../responses/responses.service.ts';
import { OidcClient } from './identity.oidc.ts';
import * as repo from './identity.repository.ts';
import {
  FLOW_TTL_MS,
  loaAtLeast,
  mapEidClaims,
  mapStaffClaims,
  PENDING_TTL_MS,
  safeReturnTo,
} from './identity.rules.ts';

const hash = (s: string) => createHash('sha256').update(s).digest('hex');
export const STAFF_PROVIDER = 'staff';

/** Where a finished flow sends the browser; `error` is one of the codes the pages translate. */
export type FlowOutcome = { redirect: string; session?: { token: string; expiresAt: Date } };
export type FlowError = 'state' | 'failed' | 'loa_too_low' | 'not_allowed' | 'claims';

/** The configured providers, each with its openid-client (discovered on first use). */
export class Identity {
  readonly brokers: ReadonlyMap<string, { client: OidcClient; broker: Config['eidBrokers'][number] }>;
  readonly staff: { client: OidcClient; cfg: NonNullable<Config['staffOidc']> } | undefined;
  constructor(
    readonly config: Pick<Config, 'eidBrokers' | 'staffOidc' | 'oidcAllowHttp' | 'sessionTtlHours'>,
    publicUrl: string,
  ) {
    const cb = (p: string) => `${publicUrl}/api/identity/callback/${p}`;
    this.brokers = new Map(
      config.eidBrokers.map((b) => [b.id, { broker: b, client: new OidcClient(b, cb(b.id), config.oidcAllowHttp) }]),
    );
    this.staff = config.staffOidc && {
      cfg: config.staffOidc,
      client: new OidcClient(config.staffOidc, cb(STAFF_PROVIDER), config.oidcAllowHttp),
    };
  }

  providers() {
    return {
      brokers: [...this.brokers.values()].map(({ broker }) => ({ id: broker.id, label: broker.label })),
      staff: this.staff ? { label: this.staff.cfg.label } : null,
    };
  }

  private clientOf(provider: string): OidcClient {
    const c = provider === STAFF_PROVIDER ? this.staff?.client : this.brokers.get(provider)?.client;
    if (!c) throw notFound('Sign-in provider');
    return c;
  }

  /** Begins a flow: stores verifier, state (hashed) and nonce; the browser keeps the state in a cookie. */
  async start(
    db: Db,
    v: {
      provider: string;
      purpose: 'login' | 'verify' | 'staff';
      returnTo: string;
      locale: 'da' | 'en';
      responseId?: string;
      consultationId?: string;
    },
  ): Promise<{ url: string; state: string }> {
    const client = this.clientOf(v.provider);
    // A MitID sign-in or verification is a fresh authentication every time (never a broker session
    // left over in the browser); staff single sign-on may reuse the agency's session.
    const params: Record<string, string> = {
      ui_locales: v.locale,
      ...(v.purpose === 'staff' ? {} : { prompt: 'login' }),
    };
    const { url, state, nonce, codeVerifier } = await client.start(params);
    await repo.insertFlow(db, {
      stateHash: hash(state),
      provider: v.provider,
      purpose: v.purpose,
      codeVerifier,
      nonce,
      returnTo: v.returnTo,
      responseId: v.responseId ?? null,
      consultationId: v.consultationId ?? null,
      locale: v.locale,
      expiresAt: new Date(Date.now() + FLOW_TTL_MS),
    });
    return { url: url.href, state };
  }

  /** A respondent verifies their response (reached with its edit token) with a MitID broker. */
  async startVerification(db: Db, v: { provider: string; editToken: string; returnTo: string; locale: 'da' | 'en' }) {
    if (!this.brokers.has(v.provider)) throw notFound('Sign-in provider');
    const own = await getOwnResponse(db, v.editToken);
    if (own.status !== 'submitted') throw new AppError('RULE_VIOLATION', 'A withdrawn response cannot be verified');
    return this.start(db, { ...v, purpose: 'verify', responseId: own.id, consultationId: own.consultationId });
  }

  /**
   * The provider's redirect back. The state in the URL must be the browser's (cookie) and a stored,
   * unexpired flow, taken once; openid-client then checks the code (PKCE), the ID token's signature,
   * issuer, audience, expiry and nonce. Every failure sends the browser to a page that says so.
   */
  async callback(
    db: Db,
    v: { provider: string; url: URL; cookieState: string | undefined; previousToken: string | null; ip: string },
  ): Promise<FlowOutcome> {
    const state = v.url.searchParams.get('state');
    const fail = (to: string, error: FlowError) => ({
      redirect: `${to}${to.includes('?') ? '&' : '?'}identity_error=${error}`,
    });
    if (!state || !v.cookieState || state !== v.cookieState) return fail('/login', 'state');
    const flow = await repo.takeFlow(db, hash(state));
    if (!flow || flow.provider !== v.provider) return fail('/login', 'state');
    const failTo = flow.purpose === 'verify' ? flow.returnTo : '/login';
    let claims: Record<string, unknown>;
    try {
      claims = await this.clientOf(flow.provider).finish(v.url, {
        state,
        nonce: flow.nonce,
        codeVerifier: flow.codeVerifier,
      });
    } catch (err) {
      await recordAudit(db, null, {
        action: 'auth.login_failed',
        itemType: 'account',
        details: {
          via: flow.provider,
          reason: 'oidc',
          error: err instanceof Error ? err.message.slice(0, 200) : 'unknown',
          ip: v.ip,
        },
      });
      return fail(failTo, 'failed');
    }
    if (flow.purpose === 'staff') return this.finishStaff(db, claims, flow.returnTo, v.previousToken);
    const entry = this.brokers.get(flow.provider)!;
    const person = mapEidClaims(entry.broker, claims);
    if (!person) return fail(failTo, 'claims');

    if (flow.purpose === 'verify') {
      const own = flow.responseId;
      const consultationId = flow.consultationId;
      if (!own || !consultationId) return fail(failTo, 'failed');
      const need = await repo.minLoaOf(db, consultationId);
      if (need && !loaAtLeast(person.loa, need)) return fail(failTo, 'loa_too_low');
      await repo.upsertVerification(db, {
        responseId: own,
        consultationId,
        provider: person.provider,
        loa: person.loa,
        cvr: person.cvr,
        orgName: person.orgName,
      });
      await recordAudit(db, null, {
        action: 'response.verify',
        itemType: 'response',
        itemId: own,
        consultationId,
        details: { provider: person.provider, loa: person.loa, ...(person.cvr ? { cvr: person.cvr } : {}) },
      });
      return { redirect: `${flow.returnTo}${flow.returnTo.includes('?') ? '&' : '?'}verified=${person.loa}` };
    }

    // Sign-in: a linked person goes straight in; a first one is asked for an e-mail address.
    const link = await repo.findLink(db, person.provider, person.subject);
    if (link) {
      const actor = await activeActor(db, link.userId);
      if (!actor) return fail('/login', 'not_allowed');
      await repo.touchLink(db, person.provider, person.subject);
      const s = await createSession(db, actor, this.config.sessionTtlHours, {
        previousToken: v.previousToken,
        via: person.provider,
      });
      return { redirect: safeReturnTo(flow.returnTo), session: { token: s.token, expiresAt: s.expiresAt } };
    }
    const pending = randomBytes(32).toString('base64url');
    await repo.insertPending(db, {
      idHash: hash(pending),
      provider: person.provider,
      subject: person.subject,
      displayName: person.name,
      expiresAt: new Date(Date.now() + PENDING_TTL_MS),
    });
    return { redirect: `/eid/link#token=${pending}` };
  }

  private async finishStaff(
    db: Db,
    claims: Record<string, unknown>,
    returnTo: string,
    previousToken: string | null,
  ): Promise<FlowOutcome> {
    const who = mapStaffClaims(this.staff!.cfg, claims);
    if (!who) return { redirect: '/login?identity_error=not_allowed' };
    const actor = await upsertStaffAccount(db, { email: who.email, displayName: who.name, roles: who.roles });
    if (!actor) return { redirect: '/login?identity_error=not_allowed' };
    const s = await createSession(db, actor, this.config.sessionTtlHours, { previousToken, via: STAFF_PROVIDER });
    return { redirect: safeReturnTo(returnTo), session: { token: s.token, expiresAt: s.expiresAt } };
  }

  /** What the first-sign-in page shows: the name the broker gave (nothing else leaves the server). */
  async pendingOf(db: Db, token: string): Promise<{ displayName: string | null }> {
    const p = token.length <= 100 ? await repo.findPending(db, hash(token)) : undefined;
    if (!p) throw new AppError('INVALID_TOKEN', 'The MitID sign-in has expired; sign in again');
    return { displayName: p.displayName };
  }

  /**
   * A first MitID sign-in names its e-mail address: the usual confirmation link is mailed; opening it
   * links the MitID person to the account (new or existing). Same answer whatever the address.
   */
  async requestLink(
    db: Db,
    mail: MailContext,
    v: { token: string; email: string; displayName: string; locale: 'da' | 'en' },
  ): Promise<void> {
    const idHash = v.token.length <= 100 ? hash(v.token) : '';
    const p = await repo.findPending(db, idHash);
    if (!p) throw new AppError('INVALID_TOKEN', 'The MitID sign-in has expired; sign in again');
    await db.transaction().execute(async (trx) => {
      const confirmHash = await sendLinkConfirmation(trx, mail, {
        email: v.email,
        displayName: v.displayName,
        locale: v.locale,
      });
      if (confirmHash) await repo.setPendingConfirm(trx, idHash, confirmHash);
    });
  }

  async setMinLoa(db: Db, actor: Actor | null, consultationId: string, minLoa: Loa | null) {
    if (!actor?.roles.includes('admin')) throw forbidden();
    await repo.setMinLoa(db, consultationId, minLoa);
    await recordAudit(db, actor, {
      action: 'consultation.identity_rule',
      itemType: 'consultation',
      itemId: consultationId,
      consultationId,
      details: { minLoa },
    });
    return { minLoa };
  }
}

/** For other modules (staff views, the export, the inbox): each response's MitID verification. */
type VerificationRow = Awaited<ReturnType<typeof repo.verificationsOf>>[number];
const toVerification = (r: VerificationRow) => ({
  provider: r.provider,
  loa: r.loa,
  cvr: r.cvr,
  orgName: r.orgName,
  verifiedAt: r.verifiedAt.toISOString(),
});

export async function verificationsOf(db: Db, consultationId: string, responseIds: readonly string[]) {
  const rows = await repo.verificationsOf(db, consultationId, responseIds);
  return new Map(rows.map((r) => [r.responseId, toVerification(r)]));
}

export async function minLoaOf(db: Db, consultationId: string) {
  return repo.minLoaOf(db, consultationId);
}

/** The respondent's own response's verification (reached with the edit token), and what the consultation needs. */
export async function ownVerification(db: Db, editToken: string) {
  const own = await getOwnResponse(db, editToken);
  const v = (await verificationsOf(db, own.consultationId, [own.id])).get(own.id) ?? null;
  return { verification: v, minLoa: await repo.minLoaOf(db, own.consultationId) };
}

/** For staff: one response's verification. */
export async function responseVerification(db: Db, actor: Actor | null, responseId: string) {
  if (!actor?.roles.some((r) => r === 'admin' || r === 'analyst')) throw forbidden();
  // The route names only the response: its consultation first (an index probe by the response's id),
  // then the verification by its key (consultation_id, response_id), not a scan of every verification.
  const consultationId = await consultationOfResponse(db, responseId);
  if (!consultationId) return { verification: null };
  return { verification: (await verificationsOf(db, consultationId, [responseId])).get(responseId) ?? null };
}
