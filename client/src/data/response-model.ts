import type { Question } from '../api/questions.ts';
import type { ActingAs, Consent, SubmissionInput } from '../api/responses.ts';
import type { AttachmentRef } from '../api/attachments.ts';
import type { FieldErrors } from '../app/form-errors.ts';
import type { ApiError } from '../api/http.ts';
import { isValidCvr, normalizeCvr } from '../../../server/modules/responses/cvr.rules.ts';
import { t } from '../i18n/i18n.ts';
import '../i18n/parts/responses.ts';

/**
 * The response as the form holds it (and as the draft stores it): strings for inputs, answers by
 * question id. Pure functions: validation mirroring the server, the request body, field ids.
 */
export type AnswerInput = string | string[] | number | Record<string, number>;
export type AttachmentItem = Pick<AttachmentRef, 'id' | 'filename' | 'mediaType' | 'sizeBytes'>;

export type ResponseValue = {
  name: string;
  email: string;
  actingAs: ActingAs | '';
  organisationName: string;
  cvr: string;
  consent: Consent | '';
  body: string;
  answers: Record<string, AnswerInput>;
  attachments: AttachmentItem[];
};

export const emptyResponse = (): ResponseValue => ({
  name: '',
  email: '',
  actingAs: '',
  organisationName: '',
  cvr: '',
  consent: '',
  body: '',
  answers: {},
  attachments: [],
});

export { isValidCvr, normalizeCvr };

/** Organisations name themselves; a business gives its CVR number (the server's rule). */
export const needsOrganisation = (a: ActingAs | ''): boolean =>
  a === 'business' || a === 'ngo' || a === 'public_authority';
export const showsCvr = (a: ActingAs | ''): boolean => a === 'business' || a === 'ngo' || a === 'public_authority';
export const needsCvr = (a: ActingAs | ''): boolean => a === 'business';

export const FIELD = {
  name: 'resp-name',
  email: 'resp-email',
  actingAs: 'resp-acting-as',
  organisationName: 'resp-org',
  cvr: 'resp-cvr',
  consent: 'resp-consent',
  body: 'resp-body',
  attachments: 'resp-files',
} as const;
/** Scenarios still in play: a per-scenario scale has a row for each (eliminated ones are left out). */
export const activeScenarios = <S extends { status: string }>(scenarios: readonly S[]): S[] =>
  scenarios.filter((s) => s.status !== 'eliminated');

export const questionField = (q: Pick<Question, 'id'>): string => `q-${q.id}`;

/** Whether an answer is given at all (a scenario scale needs every row). */
export function isAnswered(q: Question, v: AnswerInput | undefined, scenarioIds: readonly string[]): boolean {
  if (v === undefined || v === null) return false;
  switch (q.kind) {
    case 'text':
    case 'single':
      return typeof v === 'string' && v.trim() !== '';
    case 'multi':
      return Array.isArray(v) && v.length > 0;
    case 'scale':
      return typeof v === 'number';
    case 'scenario_scale':
      return typeof v === 'object' && !Array.isArray(v) && scenarioIds.every((id) => typeof v[id] === 'number');
  }
}

function isPartlyAnswered(q: Question, v: AnswerInput | undefined): boolean {
  if (q.kind !== 'scenario_scale') return false;
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks the server makes, in the order of the form; field id → message. */
export function validateResponse(
  v: ResponseValue,
  questions: readonly Question[],
  scenarioIds: readonly string[],
  opts: { emailOptional?: boolean; skipRequired?: boolean } = {},
): FieldErrors {
  const errors: FieldErrors = new Map();
  for (const q of questions) {
    const a = v.answers[q.id];
    if (q.required && !opts.skipRequired && !isAnswered(q, a, scenarioIds))
      errors.set(questionField(q), t('resp.err.answerRequired'));
    else if (!q.required && isPartlyAnswered(q, a) && !isAnswered(q, a, scenarioIds))
      errors.set(questionField(q), t('resp.err.scenarioRows'));
  }
  // The server wants something to read: text, an answer or a file.
  if (!v.body.trim() && answersFor(v, questions).length === 0 && v.attachments.length === 0)
    errors.set(FIELD.body, t('resp.err.empty'));
  if (!v.name.trim()) errors.set(FIELD.name, t('resp.err.name'));
  if (!v.email.trim()) {
    if (!opts.emailOptional) errors.set(FIELD.email, t('resp.err.email'));
  } else if (!EMAIL.test(v.email.trim())) errors.set(FIELD.email, t('errors.emailFormat'));
  if (!v.actingAs) errors.set(FIELD.actingAs, t('resp.err.actingAs'));
  if (needsOrganisation(v.actingAs) && !v.organisationName.trim())
    errors.set(FIELD.organisationName, t('resp.err.organisation'));
  const cvr = normalizeCvr(v.cvr);
  if (showsCvr(v.actingAs) || cvr) {
    if (!cvr) {
      if (needsCvr(v.actingAs)) errors.set(FIELD.cvr, t('resp.err.cvrRequired'));
    } else if (!/^[0-9]{8}$/.test(cvr)) errors.set(FIELD.cvr, t('resp.err.cvrFormat'));
    else if (!isValidCvr(cvr)) errors.set(FIELD.cvr, t('resp.err.cvrChecksum'));
  }
  if (!v.consent) errors.set(FIELD.consent, t('resp.err.consent'));
  return errors;
}

/** The answers in questionnaire order, leaving out the unanswered. */
export function answersFor(
  v: ResponseValue,
  questions: readonly Question[],
): { questionId: string; value: AnswerInput }[] {
  const out: { questionId: string; value: AnswerInput }[] = [];
  for (const q of questions) {
    const a = v.answers[q.id];
    if (a === undefined) continue;
    if (typeof a === 'string' && a.trim() === '') continue;
    if (Array.isArray(a) && a.length === 0) continue;
    if (typeof a === 'object' && !Array.isArray(a) && Object.keys(a).length === 0) continue;
    out.push({ questionId: q.id, value: a });
  }
  return out;
}

/** The request body of a submission (and, with `version`, of an edit). */
export function toSubmission(
  v: ResponseValue,
  questions: readonly Question[],
  locale: 'da' | 'en',
): SubmissionInput & {
  respondent: { email: string };
  answers: { questionId: string; value: AnswerInput }[];
  attachmentIds: string[];
} {
  const showOrg = showsCvr(v.actingAs);
  const cvr = normalizeCvr(v.cvr);
  return {
    respondent: {
      name: v.name.trim(),
      email: v.email.trim(),
      actingAs: v.actingAs as ActingAs,
      organisationName: showOrg && v.organisationName.trim() ? v.organisationName.trim() : null,
      cvr: showOrg && cvr ? cvr : null,
    },
    consent: v.consent as Consent,
    body: v.body,
    answers: answersFor(v, questions),
    attachmentIds: v.attachments.map((a) => a.id),
    locale,
  };
}

/** Maps a 400's issues (`/respondent/email`, `/answers/2/value`) onto the form's fields. */
export function mapResponseIssues(
  err: ApiError,
  answered: readonly { questionId: string }[],
): { errors: FieldErrors; unmatched: number } {
  const errors: FieldErrors = new Map();
  let unmatched = 0;
  const byPath: Record<string, string> = {
    '/respondent/name': FIELD.name,
    '/respondent/email': FIELD.email,
    '/respondent/actingAs': FIELD.actingAs,
    '/respondent/organisationName': FIELD.organisationName,
    '/respondent/cvr': FIELD.cvr,
    '/consent': FIELD.consent,
    '/body': FIELD.body,
    '/attachmentIds': FIELD.attachments,
  };
  const messages: Record<string, () => string> = {
    [FIELD.name]: () => t('resp.err.name'),
    [FIELD.email]: () => t('errors.emailFormat'),
    [FIELD.actingAs]: () => t('resp.err.actingAs'),
    [FIELD.organisationName]: () => t('resp.err.organisation'),
    [FIELD.cvr]: () => t('resp.err.cvrChecksum'),
    [FIELD.consent]: () => t('resp.err.consent'),
    [FIELD.body]: () => t('resp.err.body'),
    [FIELD.attachments]: () => t('resp.err.attachments'),
  };
  for (const issue of err.issues) {
    const path = issue.path;
    const m = /^\/answers\/(\d+)/.exec(path);
    let id: string | undefined;
    let message: string | undefined;
    if (m) {
      const a = answered[Number(m[1])];
      if (a) {
        id = `q-${a.questionId}`;
        message = t('resp.err.answerInvalid');
      }
    } else {
      const key = Object.keys(byPath).find((k) => path === k || path.startsWith(`${k}/`));
      if (key) {
        id = byPath[key]!;
        message = messages[id]!();
      }
    }
    if (!id || !message) {
      unmatched++;
      continue;
    }
    if (!errors.has(id)) errors.set(id, message);
  }
  return { errors, unmatched };
}

/** A random key for Idempotency-Key (crypto.randomUUID where there is one). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}
