import { request } from './http.ts';
import type { Account, CreateAccountInput, Page, UpdateAccountInput } from './types.ts';

export const listAccounts = (q: { q?: string; cursor?: string | null; limit?: number } = {}, signal?: AbortSignal) =>
  request<Page<Account>>('/api/accounts', { query: q, signal });

export const createAccount = (body: CreateAccountInput) => request<Account>('/api/accounts', { method: 'POST', body });

export const updateAccount = (id: string, body: UpdateAccountInput) =>
  request<Account>(`/api/accounts/${encodeURIComponent(id)}`, { method: 'PATCH', body });
