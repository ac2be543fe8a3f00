import type { z } from 'zod';
import type {
  AddResult as AddResultSchema,
  Board as BoardSchema,
  ConsultedParties as ConsultedPartiesSchema,
  ImportPreview as ImportPreviewSchema,
  Invitation as InvitationSchema,
  ListEntry as ListEntrySchema,
  MatchList as MatchListSchema,
  Party as PartySchema,
  PartyInput,
  PartyKind as PartyKindSchema,
} from '../../../server/modules/parties/parties.schemas.ts';
import { request } from './http.ts';

/** Consulted parties and the høringsliste (issue 13): shapes from the server's zod contracts. */
export type Party = z.infer<typeof PartySchema>;
export type PartyKind = z.infer<typeof PartyKindSchema>;
export type PartyBody = z.input<typeof PartyInput>;
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;
export type Board = z.infer<typeof BoardSchema>;
export type ListEntry = z.infer<typeof ListEntrySchema>;
export type MatchList = z.infer<typeof MatchListSchema>;
export type Invitation = z.infer<typeof InvitationSchema>;
export type ConsultedParties = z.infer<typeof ConsultedPartiesSchema>;
export type AddResult = z.infer<typeof AddResultSchema>;

export const PARTY_KINDS: readonly PartyKind[] = [
  'ministry',
  'agency',
  'region',
  'municipality',
  'business',
  'association',
  'ngo',
  'other',
];

export const listParties = (q: { q?: string; kind?: string } = {}, signal?: AbortSignal) =>
  request<{ items: Party[] }>('/api/parties', { query: q, signal });
export const createParty = (body: PartyBody) => request<Party>('/api/parties', { method: 'POST', body });
export const updateParty = (id: string, body: PartyBody) =>
  request<Party>(`/api/parties/${encodeURIComponent(id)}`, { method: 'PUT', body });
export const deleteParty = (id: string) =>
  request<null>(`/api/parties/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const previewPartyImport = (csv: string) =>
  request<ImportPreview>('/api/parties/import/preview', { method: 'POST', body: { csv } });
export const commitPartyImport = (csv: string) =>
  request<{ created: number }>('/api/parties/import', { method: 'POST', body: { csv } });

const list = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}`;

export const getBoard = (consultationId: string, q: { kind?: string; status?: string }, signal?: AbortSignal) =>
  request<Board>(`${list(consultationId)}/parties`, { query: q, signal });
export const addToList = (consultationId: string, body: { partyIds?: string[]; kinds?: PartyKind[] }) =>
  request<AddResult>(`${list(consultationId)}/parties`, { method: 'POST', body });
export const removeFromList = (consultationId: string, partyId: string) =>
  request<null>(`${list(consultationId)}/parties/${encodeURIComponent(partyId)}`, { method: 'DELETE' });
export const sendInvitations = (consultationId: string, partyIds?: string[]) =>
  request<{ queued: number }>(`${list(consultationId)}/parties/invitations`, {
    method: 'POST',
    body: partyIds ? { partyIds } : {},
  });
export const setReminderDays = (consultationId: string, reminderDays: number | null) =>
  request<{ reminderDays: number }>(`${list(consultationId)}/parties/settings`, {
    method: 'PUT',
    body: { reminderDays },
  });
export const recordNoComments = (consultationId: string, partyId: string) =>
  request<ListEntry>(`${list(consultationId)}/parties/${encodeURIComponent(partyId)}/no-comments`, { method: 'POST' });
export const listMatches = (consultationId: string, signal?: AbortSignal) =>
  request<MatchList>(`${list(consultationId)}/party-matches`, { signal });
export const decideMatch = (
  consultationId: string,
  decision: 'confirm' | 'reject',
  partyId: string,
  responseId: string,
) =>
  request<MatchList>(`${list(consultationId)}/party-matches/${decision}`, {
    method: 'POST',
    body: { partyId, responseId },
  });
export const getConsultedParties = (consultationId: string, signal?: AbortSignal) =>
  request<ConsultedParties>(`${list(consultationId)}/consulted-parties`, { signal });

// The personal link: the token travels in the page's fragment, never to a log.
const invitation = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;
export const getInvitation = (token: string, signal?: AbortSignal) =>
  request<Invitation>(invitation(token), { signal });
export const answerNoComments = (token: string) =>
  request<Invitation>(`${invitation(token)}/no-comments`, { method: 'POST' });
export const linkInvitationResponse = (token: string, responseId: string, editToken: string) =>
  request<Invitation>(`${invitation(token)}/response`, { method: 'POST', body: { responseId, editToken } });

/** The token of a personal link in the page's fragment (`#token=…`), or null. */
export function tokenFromHash(hash: string): string | null {
  const m = /[#&]token=([A-Za-z0-9_-]{43})/.exec(hash);
  return m ? m[1]! : null;
}
