import type { z } from 'zod';
import type {
  Activity as ActivitySchema,
  ActingAs as ActingAsSchema,
  Profile as ProfileSchema,
  UpdateMyProfileBody,
} from '../../../server/modules/participants/participants.schemas.ts';
import { request } from './http.ts';

/** Participant self-service: registration, confirmation, password reset, profile and activity. */
export type ActingAs = z.infer<typeof ActingAsSchema>;
export type Profile = z.infer<typeof ProfileSchema>;
export type Activity = z.infer<typeof ActivitySchema>;
export type UpdateProfileInput = z.input<typeof UpdateMyProfileBody>;

export const ACTING_AS: readonly ActingAs[] = ['citizen', 'business', 'ngo', 'public_authority', 'other'];

export const register = (body: { email: string; password: string; displayName: string; locale: 'da' | 'en' }) =>
  request<unknown>('/api/participants/register', { method: 'POST', body });

export const confirmEmail = (token: string) =>
  request<{ email: string }>('/api/participants/confirm', { method: 'POST', body: { token } });

export const requestPasswordReset = (email: string) =>
  request<unknown>('/api/participants/password-reset/request', { method: 'POST', body: { email } });

export const confirmPasswordReset = (token: string, password: string) =>
  request<unknown>('/api/participants/password-reset/confirm', { method: 'POST', body: { token, password } });

export const getProfile = (signal?: AbortSignal) => request<Profile>('/api/me/profile', { signal });

export const updateProfile = (body: UpdateProfileInput) =>
  request<Profile>('/api/me/profile', { method: 'PATCH', body });

export const getActivity = (signal?: AbortSignal) => request<Activity>('/api/me/activity', { signal });

/** The token in a mailed link's fragment (`#token=…`); the fragment never reaches a server log. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}
