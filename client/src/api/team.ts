import type { z } from 'zod';
import type { Team as TeamSchema } from '../../../server/modules/analysis/team/team.schemas.ts';
import { request } from './http.ts';

/** A consultation's analysts, and the analysts limited to their teams (issue 11 story 5). */
export type Team = z.infer<typeof TeamSchema>;
export type TeamMember = Team['items'][number];

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}/analysts`;

export const getTeam = (consultationId: string, signal?: AbortSignal) =>
  request<Team>(base(consultationId), { signal });

/** Puts an analyst on the consultation's team, or takes them off it (admin). */
export const setOnTeam = (consultationId: string, userId: string, assigned: boolean) =>
  request<Team>(`${base(consultationId)}/${encodeURIComponent(userId)}`, { method: 'PUT', body: { assigned } });

/** Limits an analyst to the consultations whose team they are on, or lifts the limit (admin). */
export const setLimited = (userId: string, limited: boolean) =>
  request<{ userId: string; limited: boolean }>(`/api/analysts/${encodeURIComponent(userId)}/limit`, {
    method: 'PUT',
    body: { limited },
  });
