import { z } from 'zod';
import { isValidCvr, normalizeCvr } from './cvr.rules.ts';

/** Contracts of hearing responses (issue 4); imports only zod and pure rules, so the client may import it. */
export const ActingAs = z.enum(['citizen', 'business', 'ngo', 'public_authority', 'other']);
export const Consent = z
  .enum(['public_named', 'public_anonymous', 'not_public'])
  .describe(
    'public_named: published with name · public_anonymous: published without name or organisation · not_public: never published',
  );
export const Channel = z.enum(['web', 'letter', 'email']);
export const PublicationStatus = z.enum(['pending', 'approved', 'rejected', 'not_requested']);
export const ResponseStatus = z.enum(['submitted', 'withdrawn']);
export const Locale = z.enum(['da', 'en']);

/** PostgreSQL text and jsonb cannot hold U+0000: refused as bad input (400), never a 500. */
export const Text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'Text cannot contain NUL characters');

const nullIfBlank = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

export const Cvr = z
  .string()
  .max(20)
  .transform(normalizeCvr)
  .refine((v) => /^[0-9]{8}$/.test(v), 'A CVR number has eight digits')
  .refine(isValidCvr, 'This is not a valid CVR number (the check digit does not match)');

const ORGANISATIONS = new Set(['business', 'ngo', 'public_authority']);

const respondentFields = {
  name: Text(200)
    .transform((v) => v.trim())
    .refine((v) => v !== '', 'Give your name'),
  actingAs: ActingAs,
  organisationName: Text(300).nullable().optional().transform(nullIfBlank),
  cvr: Cvr.nullable()
    .optional()
    .transform((v) => v ?? null),
};

function organisationRules(
  r: { actingAs: string; organisationName: string | null; cvr: string | null },
  ctx: z.RefinementCtx,
): void {
  if (r.actingAs === 'business' && !r.cvr) {
    ctx.addIssue({ code: 'custom', path: ['cvr'], message: 'A business gives its CVR number' });
  }
  if (ORGANISATIONS.has(r.actingAs) && !r.organisationName) {
    ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'Name the organisation you respond for' });
  }
}

const Email = z.email().max(320);
export const Respondent = z.object({ ...respondentFields, email: Email }).superRefine(organisationRules);
/** A letter may come without an e-mail address; then no receipt is mailed. */
export const LetterRespondent = z
  .object({
    ...respondentFields,
    email: Email.nullable()
      .optional()
      .transform((v) => v ?? null),
  })
  .superRefine(organisationRules);

export const AnswerValue = z
  .union([Text(20_000), z.array(Text(40)).max(50), z.number().int(), z.record(z.string().max(40), z.number().int())])
  .describe(
    'text: a string · single: an option id · multi: option ids · scale: 1–5 · scenario_scale: { scenarioId: 1–5 }',
  );
export const Answer = z.object({ questionId: z.uuid(), value: AnswerValue });

const submissionFields = {
  consent: Consent,
  body: Text(100_000).default('').describe('The free-text response'),
  answers: z.array(Answer).max(200).default([]),
  attachmentIds: z.array(z.uuid()).max(100).default([]).describe('Ids from POST /api/consultations/:id/attachments'),
  locale: Locale.default('da').describe('Language of the receipt e-mail'),
};

export const SubmissionBody = z.object({ respondent: Respondent, ...submissionFields });
export type SubmissionInput = z.infer<typeof SubmissionBody>;

export const EditBody = SubmissionBody.extend({
  version: z.number().int().min(1).optional().describe('The version you edited; a stale one is refused with 409'),
}).describe('The whole response as it should now read; stored as a new version');
export type EditInput = z.infer<typeof EditBody>;

export const LetterBody = z
  .object({
    respondent: LetterRespondent,
    ...submissionFields,
    channel: z.enum(['letter', 'email']),
    receivedAt: z.iso.datetime({ offset: true }).describe('When the letter or e-mail arrived'),
    partyId: z
      .uuid()
      .optional()
      .describe(
        'The party on the consultation’s list (høringsliste) that sent it: the response is linked to the party and so counts as invited (404 if the party is not on the list, 409 if another response is linked to it)',
      ),
  })
  .describe('A response that arrived by post or e-mail, registered by staff (also after the deadline)');
export type LetterInput = z.infer<typeof LetterBody>;

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces')
    .optional()
    .describe('A random value (a UUID) per submission; a retry with the same key returns the first receipt'),
});

export const Receipt = z
  .object({
    id: z.uuid(),
    receiptCode: z.string().describe('Short, readable, unique: XXXX-XXXX-XX'),
    fingerprint: z.string().describe('SHA-256 (hex) of the canonical JSON of what was submitted'),
    editToken: z
      .string()
      .nullable()
      .describe(
        'Secret for /api/responses/by-token/:token; null for letters (and on a replay without the original key material)',
      ),
    submittedAt: z.iso.datetime(),
  })
  .describe('The receipt');
export type Receipt = z.infer<typeof Receipt>;

export const EditReceipt = Receipt.extend({
  version: z.number().int(),
  editedAt: z.iso.datetime().nullable(),
}).describe('The receipt, re-issued after an edit');
export type EditReceipt = z.infer<typeof EditReceipt>;

export const AttachmentView = z.object({
  id: z.uuid(),
  filename: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string().describe('Download URL (Content-Disposition: attachment)'),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const AnswerView = z.object({ questionId: z.uuid(), value: z.unknown() });

/** What every full view of a response starts with (the respondent's own view and staff's). */
export const ResponseHead = z.object({
  id: z.uuid(),
  consultationId: z.uuid(),
  receiptCode: z.string(),
  status: ResponseStatus,
  channel: Channel,
  locale: Locale,
  version: z.number().int(),
  fingerprint: z.string(),
  submittedAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable(),
});
/** Who answered, as the respondent and staff see it (never public). */
export const RespondentView = z.object({
  name: z.string(),
  email: z.string().nullable(),
  actingAs: ActingAs,
  organisationName: z.string().nullable(),
  cvr: z.string().nullable(),
});
export type ResponseHead = z.infer<typeof ResponseHead>;
export type RespondentView = z.infer<typeof RespondentView>;

export const OwnResponse = ResponseHead.extend({
  withdrawnAt: z.iso.datetime().nullable(),
  respondent: RespondentView,
  consent: Consent,
  publicationStatus: PublicationStatus,
  rejectionReason: z
    .string()
    .nullable()
    .describe("Staff's reason when publication was rejected (so the respondent is told why); null otherwise"),
  body: z.string(),
  answers: z.array(AnswerView),
  attachments: z.array(AttachmentView),
  editable: z.boolean().describe('False after the deadline (decided by the server clock) or once withdrawn'),
  closesAt: z.iso.datetime().nullable(),
  serverTime: z.iso.datetime(),
}).describe("The respondent's own response, read with the edit token");
export type OwnResponse = z.infer<typeof OwnResponse>;

export const Withdrawal = z
  .object({ id: z.uuid(), receiptCode: z.string(), status: ResponseStatus, withdrawnAt: z.iso.datetime() })
  .describe('The response is withdrawn');

export const TokenParams = z.object({ token: z.string().min(1).max(200) });
export const ConsultationParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
export const ResponseParams = z.object({ id: z.uuid() });
