import { z } from 'zod';
import { Role } from '../../shared/schemas.ts';

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.trim().toLowerCase());
export const Password = z.string().min(12, 'At least 12 characters').max(256);

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(256),
  code: z
    .string()
    .trim()
    .max(20)
    .optional()
    .describe('The second factor, when the account has one: a 6-digit code from the app or a recovery code'),
});

export const SecondFactorCode = z.object({ code: z.string().trim().min(6).max(20) }).strict();
export const SecondFactorStatus = z.object({ enabled: z.boolean(), recoveryCodesLeft: z.number().int() });
export const SecondFactorStart = z
  .object({ secret: z.string(), uri: z.string() })
  .describe('The new secret, shown this once: as text and as the otpauth URI an authenticator app reads');
export const RecoveryCodes = z
  .object({ recoveryCodes: z.array(z.string()) })
  .describe('Ten one-time recovery codes, shown this once');

export const Me = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(Role),
  })
  .describe('The signed-in account');

export const Account = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(Role),
    locale: z.enum(['da', 'en']),
    disabled: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .describe('An account');
export type Account = z.infer<typeof Account>;

export const AccountListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const CreateAccountBody = z.object({
  email: Email,
  displayName: z.string().trim().min(1).max(200),
  password: Password,
  roles: z.array(Role).min(1).max(4),
  locale: z.enum(['da', 'en']).default('da'),
});
export type CreateAccountInput = z.infer<typeof CreateAccountBody>;

export const UpdateAccountBody = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    roles: z.array(Role).min(1).max(4).optional(),
    locale: z.enum(['da', 'en']).optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdateAccountInput = z.infer<typeof UpdateAccountBody>;
