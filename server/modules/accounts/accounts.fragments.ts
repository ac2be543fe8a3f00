import { sql } from 'kysely';

/**
 * SQL fragments of the accounts module's tables that other modules embed in their own statements
 * (a list with its authors' names in one round trip), so `users` keeps one owner (issue 9 item 2).
 * Each takes a column reference of the caller's query, e.g. `displayNameOf('c.authorId')`.
 */

/** The display name of the user a column points at (null when the column is null). */
export const displayNameOf = (userIdRef: string) =>
  sql<string | null>`(select u.display_name from users u where u.id = ${sql.ref(userIdRef)})`;

/** The e-mail address of the user a column points at (a consultation's reviewers, issue 14). */
export const emailOf = (userIdRef: string) =>
  sql<string | null>`(select u.email from users u where u.id = ${sql.ref(userIdRef)})`;

/** Whether the user a column points at has chosen a password (an invited reviewer, issue 14). */
export const hasPasswordOf = (userIdRef: string) =>
  sql<boolean>`coalesce((select u.password_hash is not null from users u where u.id = ${sql.ref(userIdRef)}), false)`;
