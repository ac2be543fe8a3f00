import { z } from 'zod';
import { isValidCvr, normalizeCvr } from '../responses/cvr.rules.ts';

/**
 * Contracts of consulted parties and the høringsliste (issue 13 stories 2, 3 and 5). Imports only
 * zod and pure rules, so the client may import it.
 */
export const PartyKind = z.enum([
  'ministry',
  'agency',
  'region',
  'municipality',
  'business',
  'association',
  'ngo',
  'other',
]);
export type PartyKind = z.infer<typeof PartyKind>;
export const PARTY_KINDS = PartyKind.options;

const noNul = (v: string) => !v.includes('\u0000');

/** A CVR number as the responses module checks it: eight digits with a valid check digit. */
export const PartyCvr = z
  .string()
  .max(20)
  .transform(normalizeCvr)
  .refine((v) => /^[0-9]{8}$/.test(v), 'A CVR number has eight digits')
  .refine(isValidCvr, 'This is not a valid CVR number (the check digit does not match)');

export const PartyInput = z.object({
  name: z
    .string()
    .max(300)
    .refine(noNul, 'Text cannot contain NUL characters')
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .refine((v) => v !== '', 'Give the organisation’s name'),
  kind: PartyKind,
  cvr: z
    .union([PartyCvr, z.literal('').transform(() => null), z.null()])
    .optional()
    .transform((v) => v ?? null),
  emails: z
    .array(
      z
        .email()
        .max(320)
        .transform((v) => v.toLowerCase()),
    )
    .min(1, 'Give at least one contact e-mail address')
    .max(20)
    .refine((a) => new Set(a).size === a.length, 'An address is given twice'),
  locale: z.enum(['da', 'en']).default('da').describe('The language its mails are written in'),
  note: z.string().max(2000).refine(noNul, 'Text cannot contain NUL characters').default(''),
});
export type PartyInput = z.infer<typeof PartyInput>;

export const Party = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: PartyKind,
  cvr: z.string().nullable(),
  emails: z.array(z.string()),
  locale: z.enum(['da', 'en']),
  note: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Party = z.infer<typeof Party>;
export const PartyList = z.object({ items: z.array(Party) });

export const PartyQuery = z.object({
  q: z.string().max(200).optional().describe('Part of the name'),
  kind: PartyKind.optional(),
});
export const PartyParams = z.object({ partyId: z.uuid() });

export const ImportBody = z.object({
  csv: z
    .string()
    .min(1)
    .max(2_000_000)
    .refine(noNul, 'Text cannot contain NUL characters')
    .describe('CSV with the columns name, kind, cvr, emails (separated by ";" or spaces), locale, note'),
});
export const ImportRowError = z.object({
  field: z.string(),
  code: z.enum(['missing', 'invalid', 'duplicate_in_file', 'duplicate_cvr', 'duplicate_name']),
  message: z.string(),
});
export const ImportRow = z.object({
  rowNo: z.number().int().describe('The line in the file (the header is line 1)'),
  name: z.string(),
  kind: z.string(),
  cvr: z.string().nullable(),
  emails: z.array(z.string()),
  locale: z.string(),
  note: z.string(),
  errors: z.array(ImportRowError),
});
export type ImportRow = z.infer<typeof ImportRow>;
export const ImportPreview = z.object({
  rowCount: z.number().int(),
  errorCount: z.number().int().describe('Rows with errors: while there are any, nothing can be imported'),
  rows: z.array(ImportRow),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
export const ImportResult = z.object({ created: z.number().int() });

// The høringsliste of a consultation.
export const EntryStatus = z.enum(['not_invited', 'invited', 'responded', 'no_comments']);
export type EntryStatus = z.infer<typeof EntryStatus>;
export const BoardStatusFilter = z.enum(['not_invited', 'no_reply', 'responded', 'no_comments', 'reminded', 'late']);

export const ListEntry = z.object({
  party: z.object({ id: z.uuid(), name: z.string(), kind: PartyKind, cvr: z.string().nullable() }),
  status: EntryStatus,
  addedAt: z.iso.datetime(),
  invitedAt: z.iso.datetime().nullable(),
  remindedAt: z.iso.datetime().nullable(),
  responseId: z.uuid().nullable(),
  respondedAt: z.iso.datetime().nullable(),
  linkedBy: z.enum(['link', 'match', 'staff']).nullable().describe('How the response was linked to the party'),
  late: z.boolean().describe('The response came after the deadline and was accepted by staff'),
  noCommentsAt: z.iso.datetime().nullable(),
  noCommentsBy: z.enum(['party', 'staff']).nullable(),
});
export type ListEntry = z.infer<typeof ListEntry>;

export const BoardCounts = z.object({
  total: z.number().int(),
  notInvited: z.number().int(),
  invited: z.number().int(),
  reminded: z.number().int(),
  responded: z.number().int(),
  noComments: z.number().int(),
  noReply: z.number().int().describe('Invited, and neither responded nor said "no comments"'),
  late: z.number().int(),
});
export const Board = z
  .object({
    consultationId: z.uuid(),
    closesAt: z.iso.datetime().nullable(),
    reminderDays: z.number().int().describe('Days before the deadline the reminder goes out'),
    counts: BoardCounts.describe('Over the whole list, whatever the filter'),
    items: z.array(ListEntry),
  })
  .describe('The status board: per party invited, reminded, responded, no comments or no reply (no read tracking)');
export type Board = z.infer<typeof Board>;
export const BoardQuery = z.object({ kind: PartyKind.optional(), status: BoardStatusFilter.optional() });

export const AddToListBody = z
  .object({
    partyIds: z.array(z.uuid()).max(5000).default([]),
    kinds: z.array(PartyKind).max(8).default([]).describe('Every party of these kinds ("all municipalities")'),
  })
  .refine((b) => b.partyIds.length + b.kinds.length > 0, 'Name parties or kinds to add');
export const AddResult = z.object({ added: z.number().int(), alreadyListed: z.number().int() });
export const ListParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
export const EntryParams = ListParams.extend({ partyId: z.uuid() });

export const InviteBody = z.object({
  partyIds: z
    .array(z.uuid())
    .max(5000)
    .optional()
    .describe('These parties (a new personal link replaces an earlier one); without it every party not yet invited'),
});
export const InviteResult = z.object({ queued: z.number().int() });
export const SettingsBody = z.object({
  reminderDays: z.number().int().min(0).max(60).nullable().describe('Null: the default (PARTY_REMINDER_DAYS)'),
});
export const Settings = z.object({ reminderDays: z.number().int() });
export const LinkBody = z.object({ responseId: z.uuid() });

export const MatchProposal = z.object({
  partyId: z.uuid(),
  partyName: z.string(),
  partyKind: PartyKind,
  responseId: z.uuid(),
  receiptCode: z.string(),
  respondentName: z.string(),
  organisationName: z.string().nullable(),
  submittedAt: z.iso.datetime(),
  basis: z.enum(['cvr', 'domain']),
});
export type MatchProposal = z.infer<typeof MatchProposal>;
export const MatchList = z.object({ items: z.array(MatchProposal) });
export type MatchList = z.infer<typeof MatchList>;
export const MatchBody = z.object({ partyId: z.uuid(), responseId: z.uuid() });

export const ConsultedParty = z.object({ name: z.string(), kind: PartyKind, answered: z.boolean() });
export const ConsultedParties = z
  .object({ items: z.array(ConsultedParty) })
  .describe('The parties invited to the consultation (its høringsliste), as Høringsportalen lists them');

// The personal link (public: the token is the credential).
export const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a valid link') });
export const Invitation = z.object({
  consultation: z.object({
    id: z.uuid(),
    slug: z.string(),
    title: z.object({ da: z.string(), en: z.string() }),
    closesAt: z.iso.datetime().nullable(),
    acceptsInput: z.boolean(),
  }),
  party: z.object({
    name: z.string(),
    kind: PartyKind,
    cvr: z.string().nullable(),
    locale: z.enum(['da', 'en']),
    actingAs: z.enum(['business', 'ngo', 'public_authority', 'other']),
  }),
  status: EntryStatus,
});
export type Invitation = z.infer<typeof Invitation>;
export const InvitationLinkBody = z.object({
  responseId: z.uuid(),
  editToken: z.string().max(100).describe('The receipt’s edit token: proves the response is the caller’s'),
});
