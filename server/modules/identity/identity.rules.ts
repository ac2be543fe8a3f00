import type { EidBroker, StaffOidc } from '../../config.ts';
import type { Loa } from '../../db/schema.ts';
import type { Role } from '../../shared/schemas.ts';

/** How long a sign-in may take at the broker, and a first sign-in may wait for its e-mail address. */
export const FLOW_TTL_MS = 10 * 60_000;
export const PENDING_TTL_MS = 48 * 3600_000;
export const FLOW_COOKIE = 'samraad_oidc';

export const LOA_ORDER: readonly Loa[] = ['low', 'substantial', 'high'];
export const loaAtLeast = (have: Loa, need: Loa) => LOA_ORDER.indexOf(have) >= LOA_ORDER.indexOf(need);

/**
 * A claim by its configured name: first the name as it stands (`mitid.uuid` is one flat claim at
 * Nets eID Broker), then as a dotted path into nested objects.
 */
export function claimOf(claims: Record<string, unknown>, name: string | undefined): unknown {
  if (!name) return undefined;
  if (name in claims) return claims[name];
  let cur: unknown = claims;
  for (const part of name.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * The NSIS assurance level from any broker's spelling: OIOSAML 3's
 * `https://data.gov.dk/concept/core/nsis/loa/Substantial`, Nets eID Broker's
 * `https://data.gov.dk/concept/core/nsis/Substantial`, or a bare `substantial` (Signicat's mitid_loa).
 */
export function normaliseLoa(v: unknown): Loa | null {
  const s = text(v);
  if (!s) return null;
  const m = /^(?:https:\/\/data\.gov\.dk\/concept\/core\/nsis\/(?:loa\/)?)?(low|substantial|high)$/i.exec(s);
  return m ? (m[1]!.toLowerCase() as Loa) : null;
}

/** A MitID person as Samråd keeps it: never a CPR number, whatever the broker sent. */
export type EidIdentity = {
  provider: string;
  subject: string;
  name: string | null;
  loa: Loa;
  /** MitID Erhverv: the organisation the person acted for. */
  cvr: string | null;
  orgName: string | null;
};

export function mapEidClaims(broker: EidBroker, claims: Record<string, unknown>): EidIdentity | null {
  const subject = text(claimOf(claims, broker.claims.subject));
  const loa = normaliseLoa(claimOf(claims, broker.claims.loa));
  if (!subject || !loa) return null;
  const cvr = text(claimOf(claims, broker.claims.cvr));
  return {
    provider: broker.id,
    subject,
    name: text(claimOf(claims, broker.claims.name)),
    loa,
    cvr: cvr && /^\d{8}$/.test(cvr) ? cvr : null,
    orgName: cvr ? text(claimOf(claims, broker.claims.orgName)) : null,
  };
}

export type StaffIdentity = { email: string; name: string; roles: Role[] };

/** A staff member's roles from the provider's group claim through the configured mapping. */
export function mapStaffClaims(staff: StaffOidc, claims: Record<string, unknown>): StaffIdentity | null {
  const email = text(claimOf(claims, staff.emailClaim));
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) return null;
  const raw = claimOf(claims, staff.groupsClaim);
  const groups = Array.isArray(raw)
    ? raw.filter((g): g is string => typeof g === 'string')
    : text(raw)
      ? [raw as string]
      : [];
  const roles = [...new Set(groups.flatMap((g) => staff.roles[g] ?? []))];
  if (roles.length === 0) return null;
  return { email, name: text(claimOf(claims, staff.nameClaim)) ?? email, roles };
}

/** Only a path on this site (never `//host` or a scheme) may be where a sign-in returns. */
export function safeReturnTo(v: string | undefined, fallback = '/'): string {
  if (!v || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\') || v.length > 500) return fallback;
  return v;
}
