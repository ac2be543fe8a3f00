import { z } from 'zod';

export const Providers = z
  .object({
    brokers: z.array(z.object({ id: z.string(), label: z.string() })).describe('MitID brokers in configuration'),
    staff: z.object({ label: z.string() }).nullable().describe("The agency's single sign-on, when configured"),
  })
  .describe('The sign-in providers this deployment offers');

export const ProviderParams = z.object({ provider: z.string().regex(/^[a-z0-9-]{1,32}$/) });
export const StartQuery = z.object({
  returnTo: z.string().max(500).optional(),
  locale: z.enum(['da', 'en']).default('da'),
});
export const VerifyBody = z.object({
  provider: z.string().regex(/^[a-z0-9-]{1,32}$/),
  token: z.string().min(1).max(200).describe("The response's edit token"),
  returnTo: z.string().max(500).optional(),
  locale: z.enum(['da', 'en']).default('da'),
});
export const Redirect = z.object({ url: z.url().describe('Where the browser goes next (the broker)') });
export const CallbackQuery = z.object({ state: z.string().max(500).optional() }).passthrough();
export const PendingBody = z.object({ token: z.string().min(1).max(100) });
export const Pending = z.object({ displayName: z.string().nullable() });
export const LinkBody = z.object({
  token: z.string().min(1).max(100),
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(200),
  locale: z.enum(['da', 'en']).default('da'),
});
export const Accepted = z.object({ status: z.literal('accepted') });
export const Loa = z.enum(['low', 'substantial', 'high']);
export const IdentityRule = z.object({ minLoa: Loa.nullable().describe('Lowest NSIS level a verification needs') });
export const ConsultationIdParams = z.object({ id: z.uuid() });

export const Verification = z
  .object({
    provider: z.string(),
    loa: Loa,
    cvr: z.string().nullable().describe('MitID Erhverv: the verified CVR number'),
    orgName: z.string().nullable().describe('MitID Erhverv: the verified organisation name'),
    verifiedAt: z.iso.datetime(),
  })
  .describe('A hearing response verified with MitID');
export const OwnVerificationBody = z.object({ token: z.string().min(1).max(200) });
export const OwnVerification = z.object({
  verification: Verification.nullable(),
  minLoa: Loa.nullable(),
});
export const ResponseIdParams = z.object({ id: z.uuid() });
export const StaffVerification = z.object({ verification: Verification.nullable() });
