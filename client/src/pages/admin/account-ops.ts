import { createAccount, updateAccount } from '../../api/accounts.ts';
import type { AccountOps } from '../../components/account-ops.ts';

/** The account form's saves, for the accounts page to pass in. */
export const accountOps: AccountOps = { create: createAccount, update: updateAccount };
