import { z } from 'zod';
import { OwnBallot } from '../ballots/ballots.schemas.ts';
import { OwnComment } from '../comments/comments.schemas.ts';

/** Participant self-service contracts (issue #5 story 1). Imports only zod: the client may import it. */
// Trimmed and lower-cased before the format check: a phone keyboard's trailing space is not an error.
const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));
const Password = z.string().min(12, 'At least 12 characters').max(256);
const Locale = z.enum(['da', 'en']);
const DisplayName = z.string().trim().min(1).max(200);
/** 32 random bytes, base64url: the part after `#token=` in a mailed link. */
export const Token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a valid link token');

export const ActingAs = z.enum(['citizen', 'business', 'ngo', 'public_authority', 'other']);
export type ActingAs = z.infer<typeof ActingAs>;

export const RegisterBody = z.object({
  email: Email,
  password: Password,
  displayName: DisplayName,
  locale: Locale.default('da'),
});
export type RegisterInput = z.infer<typeof RegisterBody>;

export const ConfirmBody = z.object({ token: Token });
export const ResetRequestBody = z.object({ email: Email });
export const ResetConfirmBody = z.object({ token: Token, password: Password });
export type ResetConfirmInput = z.infer<typeof ResetConfirmBody>;

export const Accepted = z
  .object({ status: z.literal('accepted'), message: z.string() })
  .describe('Accepted; the same answer whether or not the address has an account');
export type Accepted = z.infer<typeof Accepted>;

export const Confirmed = z.object({ email: z.string() }).describe('The address is confirmed; sign in with it');

export const Profile = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    locale: Locale,
    actingAs: ActingAs.nullable().describe('The stakeholder segment the ballot counts in; null until asked'),
    organisationName: z.string().nullable(),
  })
  .describe("A participant's profile");
export type Profile = z.infer<typeof Profile>;

const OrganisationName = z.string().trim().max(200).nullable();

export const UpdateMyProfileBody = z
  .object({
    displayName: DisplayName.optional(),
    locale: Locale.optional(),
    actingAs: ActingAs.nullable().optional(),
    organisationName: OrganisationName.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdateMyProfileInput = z.infer<typeof UpdateMyProfileBody>;

export const AdminProfileBody = z
  .object({
    actingAs: ActingAs.nullable().optional(),
    organisationName: OrganisationName.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type AdminProfileInput = z.infer<typeof AdminProfileBody>;

export const Activity = z
  .object({ comments: z.array(OwnComment), ballots: z.array(OwnBallot) })
  .describe('Your own comments (newest first, at most 200; deleted ones left out) and ballots');
export type Activity = z.infer<typeof Activity>;

export const UserIdParams = z.object({ id: z.uuid() });
