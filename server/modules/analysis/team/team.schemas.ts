import { z } from 'zod';
import { Role } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../analysis.schemas.ts';

/** Contracts of a consultation's analysts (issue 11 story 5). Imports only zod (the client may import it). */

export const TeamMember = z.object({
  id: z.uuid(),
  displayName: z.string(),
  roles: z.array(Role),
  assigned: z.boolean().describe('On this consultation’s team'),
  limited: z.boolean().describe('Works only on the consultations whose team they are on'),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const Team = z.object({
  items: z.array(TeamMember).describe('Every active analyst, by name'),
  /** Whether the signed-in user may change the team (admins). */
  canManage: z.boolean(),
});
export type Team = z.infer<typeof Team>;

export const TeamMemberParams = ConsultationParams.extend({ userId: z.uuid() });
export const UserParams = z.object({ userId: z.uuid() });

export const AssignBody = z.strictObject({ assigned: z.boolean() });
export type AssignBody = z.infer<typeof AssignBody>;
export const LimitBody = z.strictObject({ limited: z.boolean() });
export type LimitBody = z.infer<typeof LimitBody>;
