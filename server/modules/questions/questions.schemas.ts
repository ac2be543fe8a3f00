import { z } from 'zod';

/** Contracts of the questionnaire (issue 4, story 1); imports only zod, so the client may import it. */
export const QuestionKind = z
  .enum(['text', 'single', 'multi', 'scale', 'scenario_scale'])
  .describe('text: free text · single/multi: choice among options · scale: 1–5 · scenario_scale: 1–5 per scenario');
export type QuestionKind = z.infer<typeof QuestionKind>;

// PostgreSQL jsonb cannot hold U+0000: refused as bad input (400), never a 500.
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'Text cannot contain NUL characters');
export const LocalizedPrompt = z.object({ da: text(1, 1000), en: text(1, 1000) });
export const LocalizedHelp = z.object({ da: text(0, 5000), en: text(0, 5000) });
const LocalizedShort = z.object({ da: text(1, 300), en: text(1, 300) });
export const OptionId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Lower-case letters, digits, - and _ (at most 40)');

export const QuestionOption = z.object({ id: OptionId, label: LocalizedShort });
export type QuestionOption = z.infer<typeof QuestionOption>;

export const Question = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    position: z.number().int(),
    kind: QuestionKind,
    required: z.boolean(),
    prompt: LocalizedPrompt,
    help: LocalizedHelp,
    options: z.array(QuestionOption).describe('For single and multi: the choices; empty otherwise'),
  })
  .describe('A question of the questionnaire');
export type Question = z.infer<typeof Question>;

const OptionInput = z.object({
  id: OptionId.optional().describe('Keep an existing option by sending its id; new options get one from the server'),
  label: LocalizedShort,
});
export type OptionInput = z.infer<typeof OptionInput>;

export const CreateQuestionBody = z.object({
  kind: QuestionKind,
  required: z.boolean().default(false),
  prompt: LocalizedPrompt,
  help: LocalizedHelp.default({ da: '', en: '' }),
  options: z.array(OptionInput).max(50).default([]),
});
export type CreateQuestionInput = z.infer<typeof CreateQuestionBody>;

export const UpdateQuestionBody = z
  .object({
    kind: QuestionKind.optional(),
    required: z.boolean().optional(),
    prompt: LocalizedPrompt.optional(),
    help: LocalizedHelp.optional(),
    options: z.array(OptionInput).max(50).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Nothing to change')
  .describe('Once the consultation has a response only the wording (prompt, help, option labels) may change');
export type UpdateQuestionInput = z.infer<typeof UpdateQuestionBody>;

export const QuestionOrderBody = z.object({ questionIds: z.array(z.uuid()).min(1).max(200) });

export const ConsultationParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
export const QuestionParams = z.object({ id: z.uuid() });
