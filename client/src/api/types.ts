/**
 * API shapes, taken from the server's zod contracts (those files import only zod, so a type-only
 * import costs the bundle nothing and keeps client and server in step).
 */
import type { z } from 'zod';
import type {
  Account as AccountSchema,
  CreateAccountBody,
  Me as MeSchema,
  UpdateAccountBody,
} from '../../../server/modules/accounts/accounts.schemas.ts';
import type { AuditEvent as AuditEventSchema } from '../../../server/modules/audit/audit.schemas.ts';
import type {
  Consultation as ConsultationSchema,
  ConsultationSummary as ConsultationSummarySchema,
  CreateConsultationBody,
  DocumentsBody,
  ItStage as ItStageSchema,
  Phase as PhaseSchema,
  UpdateConsultationBody,
} from '../../../server/modules/consultations/consultations.schemas.ts';
import type {
  CreateScenarioBody,
  Scenario as ScenarioSchema,
  ScenarioStatus as ScenarioStatusSchema,
  ScenarioSummary as ScenarioSummarySchema,
  StatusBody,
  UpdateScenarioBody,
} from '../../../server/modules/scenarios/scenarios.schemas.ts';
import type { Role as RoleSchema } from '../../../server/shared/schemas.ts';

export type Localized = { da: string; en: string };
export type Page<T> = { items: T[]; nextCursor: string | null };

export type Role = z.infer<typeof RoleSchema>;
export type Me = z.infer<typeof MeSchema>;
export type Account = z.infer<typeof AccountSchema>;
export type CreateAccountInput = z.input<typeof CreateAccountBody>;
export type UpdateAccountInput = z.input<typeof UpdateAccountBody>;

export type AuditEvent = z.infer<typeof AuditEventSchema>;

export type Phase = z.infer<typeof PhaseSchema>;
export type ItStage = z.infer<typeof ItStageSchema>;
export type ConsultationSummary = z.infer<typeof ConsultationSummarySchema>;
export type Consultation = z.infer<typeof ConsultationSchema>;
export type ConsultationDocument = Consultation['documents'][number];
export type CreateConsultationInput = z.input<typeof CreateConsultationBody>;
export type UpdateConsultationInput = z.input<typeof UpdateConsultationBody>;
export type DocumentsInput = z.input<typeof DocumentsBody>;

export type ScenarioStatus = z.infer<typeof ScenarioStatusSchema>;
export type ScenarioSummary = z.infer<typeof ScenarioSummarySchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
export type CreateScenarioInput = z.input<typeof CreateScenarioBody>;
export type UpdateScenarioInput = z.input<typeof UpdateScenarioBody>;
export type StatusInput = z.input<typeof StatusBody>;

export const PHASES: readonly Phase[] = ['draft', 'open', 'closed', 'analysis', 'concluded'];
export const IT_STAGES: readonly ItStage[] = ['idea', 'analysis', 'procurement', 'completion', 'realisation'];
export const SCENARIO_STATUSES: readonly ScenarioStatus[] = ['candidate', 'shortlisted', 'eliminated', 'selected'];
export const ROLES: readonly Role[] = ['admin', 'analyst', 'reviewer', 'participant'];
/** The agency's staff; reviewers (public authorities) see only their review pages (issue 14). */
export const STAFF_ROLES: readonly Role[] = ['admin', 'analyst'];
