import type { Role } from './schemas.ts';

/** Who is making a request. `null` is an anonymous visitor. */
export type Actor = {
  id: string;
  email: string;
  displayName: string;
  roles: readonly Role[];
};

export const hasRole = (actor: Actor | null, ...roles: Role[]): boolean =>
  !!actor && roles.some((r) => actor.roles.includes(r));

/**
 * The agency's staff: admins and analysts. A reviewer (a public authority, issue 14 story 1) is not
 * staff: they see the public views and the review pages of the consultations they review, nothing more.
 */
export const isStaff = (actor: Actor | null): boolean => hasRole(actor, 'admin', 'analyst');

export const actorLabel = (actor: Actor | null): string | null => (actor ? actor.email : null);
