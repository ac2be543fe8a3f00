import { ApiError } from '../api/http.ts';
import { t } from '../i18n/i18n.ts';

/** Field id → message, in the order the fields appear (the error summary lists them in that order). */
export type FieldErrors = Map<string, string>;

/** How a request body path (`/title/da`) maps to a form field and its visible label. */
export type FieldMap = Record<string, { id: string; label: () => string }>;

/**
 * Turns a 400's `details.issues` into messages on the fields they concern. The server's zod
 * messages are English, so the message is built from the field's own (translated) label.
 * Issues that fit no field are returned as `unmatched`.
 */
export function mapIssues(err: ApiError, fields: FieldMap): { errors: FieldErrors; unmatched: number } {
  const errors: FieldErrors = new Map();
  let unmatched = 0;
  for (const issue of err.issues) {
    const path = issue.path.replace(/\/+$/, '');
    // The exact path, else the nearest enclosing one (/documents/0/title/da → /documents/0/title).
    let key: string | undefined = path;
    while (key && !fields[key]) key = key.slice(0, Math.max(0, key.lastIndexOf('/'))) || undefined;
    const field = key ? fields[key] : undefined;
    if (!field) {
      unmatched++;
      continue;
    }
    if (errors.has(field.id)) continue;
    const label = field.label();
    errors.set(
      field.id,
      issue.keyword === 'too_small' ? t('errors.required', { field: label }) : t('errors.invalid', { field: label }),
    );
  }
  return { errors, unmatched };
}

/** Orders errors as the fields appear in the form. */
export function orderErrors(errors: FieldErrors, order: readonly string[]): FieldErrors {
  const sorted = [...errors].sort(([a], [b]) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
  });
  return new Map(sorted);
}

export const isValidationError = (err: unknown): err is ApiError =>
  err instanceof ApiError && err.code === 'VALIDATION_FAILED' && err.issues.length > 0;
