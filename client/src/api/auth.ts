import { ApiError, request } from './http.ts';
import type { Me } from './types.ts';

export const login = (email: string, password: string) =>
  request<Me>('/api/auth/login', { method: 'POST', body: { email, password } });

export const logout = () => request<void>('/api/auth/logout', { method: 'POST' });

/** The signed-in account, or null when signed out (a 401 is the normal answer then). */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await request<Me>('/api/auth/me', { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}
