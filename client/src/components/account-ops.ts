import type { Account, CreateAccountInput, UpdateAccountInput } from '../api/types.ts';

/**
 * How `<sr-account-form>` saves an account, passed in by the accounts page (components do no
 * I/O): the page builds it from `api/accounts.ts`.
 */
export interface AccountOps {
  /** Creates an account; resolves to it as saved. */
  create(body: CreateAccountInput): Promise<Account>;
  /** Saves the changes to account `id`; resolves to it as saved. */
  update(id: string, body: UpdateAccountInput): Promise<Account>;
}
