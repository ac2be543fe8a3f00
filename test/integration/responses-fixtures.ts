import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { AttachmentRef } from '../../server/modules/files/files.schemas.ts';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { Question } from '../../server/modules/questions/questions.schemas.ts';
import type { StaffResponse } from '../../server/modules/responses/publication.schemas.ts';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import { call, json, type TestApp, type TestUser } from '../helpers/app.ts';
import { type ConsultationOverrides, factory, type Made, type QuestionSpec } from '../helpers/factory.ts';

/** Factories for the hearing-response tests (issue 4). Each test makes its own consultation. */

/** A fresh IPv4 address per request keeps the tests clear of the per-IP submission limit. */
export const someIp = () =>
  `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

export type { QuestionSpec };

export const TEXT_Q: QuestionSpec = {
  kind: 'text',
  required: true,
  prompt: { da: 'Hvad mener du?', en: 'What do you think?' },
};
export const SINGLE_Q: QuestionSpec = {
  kind: 'single',
  required: false,
  prompt: { da: 'Foretrukket løsning', en: 'Preferred solution' },
  options: [
    { id: 'yes', label: { da: 'Ja', en: 'Yes' } },
    { id: 'no', label: { da: 'Nej', en: 'No' } },
  ],
};
export const MULTI_Q: QuestionSpec = {
  kind: 'multi',
  required: false,
  prompt: { da: 'Hvilke tjenester bruger du?', en: 'Which services do you use?' },
  options: [
    { id: 'bank', label: { da: 'Netbank', en: 'Online banking' } },
    { id: 'tax', label: { da: 'Skat', en: 'Tax' } },
    { id: 'health', label: { da: 'Sundhed', en: 'Health' } },
  ],
};
export const SCALE_Q: QuestionSpec = {
  kind: 'scale',
  required: false,
  prompt: { da: 'Tilfredshed', en: 'Satisfaction' },
};

/** An open consultation with the given questionnaire (default: one required free-text question). */
export async function openConsultation(
  t: TestApp,
  admin: TestUser,
  questions: QuestionSpec[] = [TEXT_Q],
  overrides: ConsultationOverrides = {},
): Promise<{ c: Consultation; questions: Made<Question> }> {
  const open = await factory(t).newOpenConsultation(admin, { consultation: overrides, questions });
  return { c: open.consultation, questions: open.questions };
}

/** A valid submission answering every free-text question. */
export function submission(questions: Pick<Question, 'id' | 'kind'>[], overrides: Record<string, unknown> = {}) {
  const answers = questions
    .filter((q) => q.kind === 'text')
    .map((q) => ({ questionId: q.id, value: 'Jeg støtter forslaget.' }));
  return {
    respondent: { name: 'Karen Jensen', email: `karen-${randomUUID().slice(0, 8)}@example.dk`, actingAs: 'citizen' },
    consent: 'public_named',
    body: 'Et digitalt ID skal kunne bruges af alle borgere, også uden smartphone.',
    answers,
    ...overrides,
  };
}

export function submit(
  t: TestApp,
  consultationId: string,
  payload: unknown,
  opts: { key?: string; ip?: string; user?: TestUser | null } = {},
): Promise<LightMyRequestResponse> {
  return call(t, opts.user ?? null, {
    method: 'POST',
    url: `/api/consultations/${consultationId}/responses`,
    payload: payload as Record<string, unknown>,
    remoteAddress: opts.ip ?? someIp(),
    headers: opts.key ? { 'idempotency-key': opts.key } : {},
  });
}

/** Submits and returns the receipt (throws unless 201). */
export async function submitOk(t: TestApp, consultationId: string, payload: unknown, opts: { key?: string } = {}) {
  const res = await submit(t, consultationId, payload, opts);
  if (res.statusCode !== 201) throw new Error(`submission failed: ${res.statusCode} ${res.body}`);
  const receipt = json<Receipt>(res);
  // A first submission always carries its edit token (only a letter or a replay has none).
  if (receipt.editToken === null && !opts.key) throw new Error('a first submission without an edit token');
  return receipt as Receipt & { editToken: string };
}

export async function decide(
  t: TestApp,
  staff: TestUser,
  responseId: string,
  decision: 'approve' | 'reject',
  reason?: string,
) {
  const res = await call(t, staff, {
    method: 'POST',
    url: `/api/responses/${responseId}/publication`,
    payload: reason ? { decision, reason } : { decision },
  });
  if (res.statusCode !== 200) throw new Error(`decision failed: ${res.body}`);
  return json<StaffResponse>(res);
}

/** Moves the deadline directly in the database (the server clock decides; the API refuses past deadlines). */
export async function setClosesAt(t: TestApp, consultationId: string, at: Date): Promise<void> {
  await sql`update consultations set closes_at = ${at}, opens_at = null where id = ${consultationId}`.execute(
    t.handle.db,
  );
}

export async function countRows(
  t: TestApp,
  table: 'responses' | 'answers' | 'response_versions' | 'mail_outbox',
  consultationId: string,
): Promise<number> {
  const r = await sql<{
    n: string;
  }>`select count(*) as n from ${sql.table(table)} where consultation_id = ${consultationId}`.execute(t.handle.db);
  return Number(r.rows[0]!.n);
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A 1×1 PNG, uploaded through the files module's route; returns the attachment ref. */
export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export async function upload(
  t: TestApp,
  consultationId: string,
  filename = 'kort.png',
  bytes: Buffer = PNG_1x1,
  user: TestUser | null = null,
) {
  const boundary = `----samraad${randomUUID().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await call(t, user, {
    method: 'POST',
    url: `/api/consultations/${consultationId}/attachments`,
    payload,
    remoteAddress: someIp(),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return json<AttachmentRef>(res);
}
