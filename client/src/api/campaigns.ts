import type { z } from 'zod';
import type {
  CampaignDetail as CampaignDetailSchema,
  CampaignList as CampaignListSchema,
  CampaignMember as CampaignMemberSchema,
  CampaignRun as CampaignRunSchema,
  CampaignSummary as CampaignSummarySchema,
  CodeBody,
} from '../../../server/modules/analysis/campaigns/campaigns.schemas.ts';
import { request } from './http.ts';

/** Campaigns (issue 12 story 1): shapes from the server's zod contracts. */
export type CampaignSummary = z.infer<typeof CampaignSummarySchema>;
export type CampaignList = z.infer<typeof CampaignListSchema>;
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>;
export type CampaignMember = z.infer<typeof CampaignMemberSchema>;
export type CampaignRun = z.infer<typeof CampaignRunSchema>;
export type CodeCampaignInput = z.input<typeof CodeBody>;

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}`;
const campaignPath = (consultationId: string, campaignId: string) =>
  `${base(consultationId)}/campaigns/${encodeURIComponent(campaignId)}`;

export const listCampaigns = (consultationId: string, signal?: AbortSignal) =>
  request<CampaignList>(`${base(consultationId)}/campaigns`, { signal });

export const getCampaign = (consultationId: string, campaignId: string, signal?: AbortSignal) =>
  request<CampaignDetail>(campaignPath(consultationId, campaignId), { signal });

export const startCampaignRun = (consultationId: string, mode: 'full' | 'incremental' = 'full') =>
  request<CampaignRun>(`${base(consultationId)}/campaign-runs`, { method: 'POST', body: { mode } });

export const getCampaignRun = (consultationId: string, runId: string, signal?: AbortSignal) =>
  request<CampaignRun>(`${base(consultationId)}/campaign-runs/${encodeURIComponent(runId)}`, { signal });

export const splitCampaign = (consultationId: string, campaignId: string, members: { kind: string; id: string }[]) =>
  request<CampaignSummary>(`${campaignPath(consultationId, campaignId)}/split`, { method: 'POST', body: { members } });

export const mergeCampaign = (consultationId: string, campaignId: string, intoId: string) =>
  request<CampaignSummary>(`${campaignPath(consultationId, campaignId)}/merge`, { method: 'POST', body: { intoId } });

export const setCampaignStatus = (consultationId: string, campaignId: string, status: 'active' | 'not_a_campaign') =>
  request<CampaignSummary>(`${campaignPath(consultationId, campaignId)}/status`, { method: 'POST', body: { status } });

export const codeCampaign = (consultationId: string, campaignId: string, body: CodeCampaignInput) =>
  request<{ codingIds: string[] }>(`${campaignPath(consultationId, campaignId)}/codings`, { method: 'POST', body });
