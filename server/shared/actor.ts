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

export const isStaff = (actor: Actor | null): boolean => hasRole(actor, 'admin', 'analyst', 'reviewer');

export const actorLabel = (actor: Actor | null): string | null => (actor ? actor.email : null);
