import { createHash } from 'node:crypto';

/** Pure rules of participant self-service (issue #5 story 1). No I/O; the clock is passed in. */
export const CONFIRM_TTL_MS = 48 * 3600_000;
export const RESET_TTL_MS = 3600_000;

/** Only a SHA-256 of a mailed token is stored: a database leak yields no usable link. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A link for a mail. The token rides in the fragment, so it never reaches a server log or a
 * Referer header. The base is PUBLIC_URL when set; without it the request's own origin (fine for a
 * laptop; a deployment sets PUBLIC_URL so a forged Host header cannot redirect the link).
 */
export function mailLink(base: string, path: string, token?: string): string {
  const root = base.replace(/\/+$/, '');
  return token ? `${root}${path}#token=${token}` : `${root}${path}`;
}
