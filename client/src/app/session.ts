import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fetchMe } from '../api/auth.ts';
import { STAFF_ROLES, type Me, type Role } from '../api/types.ts';

/** Who is signed in, shared by the whole client. Loaded once from GET /api/auth/me. */
let me: Me | null = null;
let loading: Promise<Me | null> | null = null;
const listeners = new Set<() => void>();

export const currentUser = (): Me | null => me;

export function setUser(next: Me | null): void {
  me = next;
  loading = Promise.resolve(next);
  for (const l of listeners) l();
}

/** Loads the session once; later calls share the first answer. A failed load counts as signed out. */
export function loadSession(force = false): Promise<Me | null> {
  if (!loading || force) {
    loading = fetchMe()
      .catch(() => null)
      .then((m) => {
        me = m;
        for (const l of listeners) l();
        return m;
      });
  }
  return loading;
}

export const hasRole = (user: Me | null, ...roles: Role[]): boolean =>
  !!user && roles.some((r) => user.roles.includes(r));
export const isStaff = (user: Me | null): boolean => hasRole(user, ...STAFF_ROLES);
export const isAdmin = (user: Me | null): boolean => hasRole(user, 'admin');
/** A public authority's reviewer (issue 14): sees "My reviews", not the staff area. */
export const isReviewer = (user: Me | null): boolean => hasRole(user, 'reviewer');
/** The analysis workspace's people (issue 11): analysts and admins. */
export const isAnalyst = (user: Me | null): boolean => hasRole(user, 'admin', 'analyst');

export class SessionController implements ReactiveController {
  private _off: (() => void) | undefined;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  get user(): Me | null {
    return me;
  }
  hostConnected(): void {
    const l = () => this.host.requestUpdate();
    listeners.add(l);
    this._off = () => listeners.delete(l);
  }
  hostDisconnected(): void {
    this._off?.();
  }
}
