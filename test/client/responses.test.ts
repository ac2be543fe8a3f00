import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../client/src/api/http.ts';
import type { Question } from '../../client/src/api/questions.ts';
import { parseRetryAfter, RetryLaterError, submitResponse } from '../../client/src/api/responses.ts';
import {
  clearDraft,
  draftKey,
  editLink,
  isEmptyValue,
  loadDraft,
  saveDraft,
} from '../../client/src/data/response-draft.ts';
import {
  emptyResponse,
  isValidCvr,
  mapResponseIssues,
  toSubmission,
  validateResponse,
} from '../../client/src/data/response-model.ts';
import { matchRoute } from '../../client/src/app/routes.ts';
import { setLocale } from '../../client/src/i18n/i18n.ts';

const CID = '00000000-0000-4000-8000-000000000001';
const q = (id: string, kind: Question['kind'], required = false): Question => ({
  id,
  consultationId: CID,
  position: 0,
  kind,
  required,
  prompt: { da: 'Spørgsmål', en: 'Question' },
  help: { da: '', en: '' },
  options: kind === 'single' || kind === 'multi' ? [{ id: 'a', label: { da: 'A', en: 'A' } }] : [],
});
const QS = [
  q('11111111-1111-4111-8111-111111111111', 'single', true),
  q('22222222-2222-4222-8222-222222222222', 'scenario_scale'),
  q('33333333-3333-4333-8333-333333333333', 'text'),
];
const valid = () => ({
  ...emptyResponse(),
  name: 'Anna',
  email: 'anna@example.dk',
  actingAs: 'citizen' as const,
  consent: 'public_named' as const,
  answers: { [QS[0]!.id]: 'a' },
});

describe('response model', () => {
  beforeEach(() => setLocale('en'));

  it('checks CVR numbers with modulus 11 and weights 2,7,6,5,4,3,2,1', () => {
    expect(isValidCvr('34051178')).toBe(true);
    expect(isValidCvr('34051179')).toBe(false);
    expect(isValidCvr('1234567')).toBe(false);
  });

  it('validates like the server: required answers, organisation, CVR, consent', () => {
    expect(validateResponse(valid(), QS, ['s1', 's2']).size).toBe(0);
    const errors = validateResponse(
      { ...emptyResponse(), actingAs: 'business', cvr: '34 05 11 79', answers: { [QS[1]!.id]: { s1: 3 } } },
      QS,
      ['s1', 's2'],
    );
    expect([...errors.keys()]).toEqual([
      `q-${QS[0]!.id}`,
      `q-${QS[1]!.id}`,
      'resp-name',
      'resp-email',
      'resp-org',
      'resp-cvr',
      'resp-consent',
    ]);
    expect(errors.get('resp-cvr')).toMatch(/not a valid CVR/);
    expect(validateResponse({ ...valid(), email: '' }, QS, [], { emailOptional: true }).size).toBe(0);
  });

  it('builds the request body: normalised CVR, answers in order, no empty answers, attachment ids', () => {
    const body = toSubmission(
      {
        ...valid(),
        actingAs: 'business',
        organisationName: ' Firma ',
        cvr: '34 05 11 78',
        answers: { [QS[2]!.id]: '  ', [QS[0]!.id]: 'a' },
        attachments: [{ id: 'f1', filename: 'a.pdf', mediaType: 'application/pdf', sizeBytes: 3 }],
      },
      QS,
      'da',
    );
    expect(body.respondent).toEqual({
      name: 'Anna',
      email: 'anna@example.dk',
      actingAs: 'business',
      organisationName: 'Firma',
      cvr: '34051178',
    });
    expect(body.answers).toEqual([{ questionId: QS[0]!.id, value: 'a' }]);
    expect(body.attachmentIds).toEqual(['f1']);
    // A citizen sends no organisation, even if one was typed before switching.
    expect(toSubmission({ ...valid(), organisationName: 'X' }, QS, 'en').respondent.organisationName).toBeNull();
  });

  it('maps the server’s issues onto fields, answers by their index', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'bad', {
      issues: [{ path: '/respondent/cvr' }, { path: '/answers/0/value' }, { path: '/weird' }],
    });
    const { errors, unmatched } = mapResponseIssues(err, [{ questionId: QS[2]!.id }]);
    expect([...errors.keys()]).toEqual(['resp-cvr', `q-${QS[2]!.id}`]);
    expect(unmatched).toBe(1);
  });
});

describe('draft storage', () => {
  afterEach(() => localStorage.clear());

  it('saves, restores and clears the draft with its idempotency key', () => {
    expect(loadDraft(CID)).toBeNull();
    expect(saveDraft(CID, valid(), 'key-1')).toBe(true);
    const d = loadDraft(CID)!;
    expect(d.value.name).toBe('Anna');
    expect(d.idempotencyKey).toBe('key-1');
    clearDraft(CID);
    expect(localStorage.getItem(draftKey(CID))).toBeNull();
  });

  it('ignores a broken draft and knows an empty one', () => {
    localStorage.setItem(draftKey(CID), '{not json');
    expect(loadDraft(CID)).toBeNull();
    expect(isEmptyValue(emptyResponse())).toBe(true);
    expect(isEmptyValue(valid())).toBe(false);
  });

  it('puts the edit token in the fragment', () => {
    expect(editLink('abc', 'https://x.dk')).toBe('https://x.dk/responses/edit#token=abc');
  });
});

describe('submission', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(null)).toBe(5);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10);
  });

  it('sends the Idempotency-Key and turns 429 into a RetryLaterError', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow down' } }), {
          status: 429,
          headers: { 'retry-after': '3' },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const err = await submitResponse(CID, toSubmission(valid(), QS, 'da'), 'k-9').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryLaterError);
    expect((err as RetryLaterError).retryAfter).toBe(3);
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>)['idempotency-key']).toBe('k-9');
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    );
    const err = await submitResponse(CID, toSubmission(valid(), QS, 'da'), 'k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(0);
  });
});

describe('routes', () => {
  it('routes the responses pages before the :param ones', () => {
    expect(matchRoute('/consultations/x/respond')?.route.tag).toBe('sr-page-respond');
    expect(matchRoute('/consultations/x/responses')?.route.tag).toBe('sr-page-responses');
    expect(matchRoute('/responses/edit')?.route.tag).toBe('sr-page-response-edit');
    expect(matchRoute('/admin/consultations/abc/questions')?.route.tag).toBe('sr-page-admin-questions');
    expect(matchRoute('/admin/outbox')?.route.access).toBe('admin');
  });
});
