import { request } from './http.ts';

/** The signed-in account's second factor (issue 15 item 3). */
export type SecondFactorStatus = { enabled: boolean; recoveryCodesLeft: number };

export const getSecondFactor = (signal?: AbortSignal) =>
  request<SecondFactorStatus>('/api/me/second-factor', { signal });
export const startSecondFactor = () =>
  request<{ secret: string; uri: string }>('/api/me/second-factor/start', { method: 'POST' });
export const confirmSecondFactor = (code: string) =>
  request<{ recoveryCodes: string[] }>('/api/me/second-factor/confirm', { method: 'POST', body: { code } });
export const disableSecondFactor = (code: string) =>
  request<void>('/api/me/second-factor/disable', { method: 'POST', body: { code } });
