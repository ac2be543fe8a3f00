/**
 * The one place where error codes map to HTTP statuses (STYLE.md §2).
 * Services throw AppError; the error plugin renders `{ error: { code, message, details? } }`.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  INVALID_TOKEN: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SECOND_FACTOR_REQUIRED: 401,
  SECOND_FACTOR_INVALID: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  RESULTS_NOT_PUBLISHED: 403,
  SEGMENT_TOO_SMALL: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SLUG_TAKEN: 409,
  EMAIL_TAKEN: 409,
  KEY_TAKEN: 409,
  STALE_VERSION: 409,
  CONSULTATION_CLOSED: 409,
  RESULTS_TOO_FEW: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ILLEGAL_TRANSITION: 422,
  RULE_VIOLATION: 422,
  QUESTIONNAIRE_LOCKED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  QUERY_TOO_BROAD: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = ERROR_STATUS[code];
    this.details = details;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);

/** PostgreSQL error codes the services translate into domain errors. */
export function pgErrorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}
export function pgConstraint(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'constraint' in err && typeof err.constraint === 'string')
    return err.constraint;
  return undefined;
}
