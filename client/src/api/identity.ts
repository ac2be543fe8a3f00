import type { z } from 'zod';
import type {
  OwnVerification as OwnVerificationSchema,
  Providers as ProvidersSchema,
  StaffVerification as StaffVerificationSchema,
} from '../../../server/modules/identity/identity.schemas.ts';
import { request } from './http.ts';

/** MitID brokers and staff single sign-on (issue 15). */
export type Providers = z.infer<typeof ProvidersSchema>;
export type OwnVerification = z.infer<typeof OwnVerificationSchema>;
export type Verification = NonNullable<OwnVerification['verification']>;
export type Loa = Verification['loa'];

export const getProviders = (signal?: AbortSignal) => request<Providers>('/api/identity/providers', { signal });

/** Where the browser goes to sign in with a provider (a full page load: the provider's redirects follow). */
export const loginUrl = (provider: string, returnTo: string, locale: 'da' | 'en') =>
  `/api/identity/login/${encodeURIComponent(provider)}?${new URLSearchParams({ returnTo, locale }).toString()}`;

export const getPending = (token: string) =>
  request<{ displayName: string | null }>('/api/identity/pending', { method: 'POST', body: { token } });

export const requestLink = (body: { token: string; email: string; displayName: string; locale: 'da' | 'en' }) =>
  request<{ status: 'accepted' }>('/api/identity/link', { method: 'POST', body });

export const startVerification = (body: { provider: string; token: string; returnTo: string; locale: 'da' | 'en' }) =>
  request<{ url: string }>('/api/identity/verify', { method: 'POST', body });

export const getOwnVerification = (token: string, signal?: AbortSignal) =>
  request<OwnVerification>('/api/identity/verification', { method: 'POST', body: { token }, signal });

export const getResponseVerification = (responseId: string, signal?: AbortSignal) =>
  request<z.infer<typeof StaffVerificationSchema>>(`/api/responses/${encodeURIComponent(responseId)}/verification`, {
    signal,
  });

/** The edit token travels in the tab's session storage across the broker's redirects, and is removed on return. */
const VERIFY_KEY = 'samraad.verify-token';
export const keepTokenForVerification = (token: string) => sessionStorage.setItem(VERIFY_KEY, token);
export function takeTokenAfterVerification(): string | null {
  const token = sessionStorage.getItem(VERIFY_KEY);
  sessionStorage.removeItem(VERIFY_KEY);
  return token;
}
