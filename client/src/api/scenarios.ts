import { request } from './http.ts';
import type { CreateScenarioInput, Scenario, ScenarioSummary, StatusInput, UpdateScenarioInput } from './types.ts';

export const listScenarios = (consultationIdOrSlug: string, signal?: AbortSignal) =>
  request<ScenarioSummary[]>(`/api/consultations/${encodeURIComponent(consultationIdOrSlug)}/scenarios`, { signal });

export const getScenario = (id: string, signal?: AbortSignal) =>
  request<Scenario>(`/api/scenarios/${encodeURIComponent(id)}`, { signal });

export const createScenario = (consultationId: string, body: CreateScenarioInput) =>
  request<Scenario>(`/api/consultations/${encodeURIComponent(consultationId)}/scenarios`, { method: 'POST', body });

export const reorderScenarios = (consultationId: string, scenarioIds: string[]) =>
  request<ScenarioSummary[]>(`/api/consultations/${encodeURIComponent(consultationId)}/scenarios/order`, {
    method: 'PUT',
    body: { scenarioIds },
  });

export const updateScenario = (id: string, body: UpdateScenarioInput) =>
  request<Scenario>(`/api/scenarios/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const changeScenarioStatus = (id: string, body: StatusInput) =>
  request<Scenario>(`/api/scenarios/${encodeURIComponent(id)}/status`, { method: 'POST', body });
