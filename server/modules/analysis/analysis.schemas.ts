import { z } from 'zod';

/** Contracts the analysis module's use cases share. Imports only zod (the client may import it). */
export const ConsultationParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
export const IdParams = z.object({ id: z.uuid() });

/** Plain text an analyst writes (definitions, notes): up to 5,000 characters. */
export const Note = z.string().max(5000);

export const Stance = z.enum(['for', 'against', 'neutral', 'mixed']).describe('Kept apart from the topic tag');
export const ItemKind = z
  .enum(['response', 'comment', 'finding', 'stakeholder_input'])
  .describe('What a coding is on (findings and stakeholder inputs arrive with their issues)');
export const CodingStatus = z
  .enum(['confirmed', 'proposed'])
  .describe('A proposed coding (a suggested theme) counts only once an analyst confirms it');
