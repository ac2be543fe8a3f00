import { request } from './http.ts';
import type { Me } from './types.ts';

/** `code`: the second factor, when the account has one (a 6-digit code or a recovery code). */
export const login = (email: string, password: string, code?: string) =>
  request<Me>('/api/auth/login', { method: 'POST', body: { email, password, ...(code ? { code } : {}) } });

export const logout = () => request<void>('/api/auth/logout', { method: 'POST' });

/**
 * The signed-in account, or null when signed out. Asks /api/auth/session, which answers a visitor
 * with 200 and null: /api/auth/me's 401 showed as an error in every anonymous page's console.
 */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  const res = await request<{ account: Me | null }>('/api/auth/session', { signal });
  return res.account;
}
