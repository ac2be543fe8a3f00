import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../../client/src/api/http.ts';
import { RetryLaterError } from '../../client/src/api/responses.ts';
import { emptyResponse, FIELD } from '../../client/src/data/response-model.ts';
import { setLocale } from '../../client/src/i18n/i18n.ts';
import { loadParts } from '../../client/src/i18n/parts.ts';
import { SubmissionController } from '../../client/src/pages/responses/submission.ts';

/** Issue 9 item 4: the one submission controller of the respond and the edit page. */

function host(): ReactiveControllerHost & { controllers: ReactiveController[] } {
  const controllers: ReactiveController[] = [];
  return {
    controllers,
    addController: (c) => void controllers.push(c),
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
}

const filled = { ...emptyResponse(), name: 'A', email: 'a@example.dk', actingAs: 'citizen' as const, body: 'x' };
filled.consent = 'public_named';

describe('submission controller', () => {
  beforeAll(async () => {
    setLocale('en');
    await loadParts(['responses']);
  });
  afterEach(() => vi.useRealTimers());

  it('refuses to send what the server would refuse, and while a file is uploading', () => {
    const s = new SubmissionController(host());
    expect(s.check(emptyResponse(), [], [], false)).toBe(false);
    expect(s.errors.has(FIELD.content)).toBe(true);
    expect(s.errors.has(FIELD.body)).toBe(false);
    expect(s.check(filled, [], [], true)).toBe(false);
    expect(s.general).toHaveLength(1);
    expect(s.check(filled, [], [], false)).toBe(true);
  });

  it('waits out Retry-After with a countdown and sends the same request again', async () => {
    vi.useFakeTimers();
    const s = new SubmissionController(host());
    const send = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new RetryLaterError(429, 'RATE_LIMITED', 'slow down', 2))
      .mockResolvedValueOnce('receipt');
    const result = s.submit(send, []);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.busy).toBe(true);
    expect(s.retryIn).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.retryIn).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await result).toBe('receipt');
    expect(send).toHaveBeenCalledTimes(2);
    expect(s.busy).toBe(false);
    expect(s.retryIn).toBe(0);
  });

  it('gives up after maxRetries and keeps the failure', async () => {
    vi.useFakeTimers();
    const s = new SubmissionController(host(), { maxRetries: 1 });
    const busy = new RetryLaterError(503, 'UNAVAILABLE', 'busy', 1);
    const result = s.submit(() => Promise.reject(busy), []);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await result).toBeNull();
    expect(s.failure).toBe(busy);
  });

  it("puts the server's 400 issues on the fields, other failures in `failure`", async () => {
    const s = new SubmissionController(host());
    const bad = new ApiError(400, 'VALIDATION_FAILED', 'bad', {
      issues: [{ path: '/respondent/email', message: 'Invalid email' }],
    });
    expect(await s.submit(() => Promise.reject(bad), [])).toBeNull();
    expect(s.errors.has(FIELD.email)).toBe(true);
    expect(s.failure).toBeNull();
    const closed = new ApiError(409, 'CONSULTATION_CLOSED', 'closed');
    expect(await s.submit(() => Promise.reject(closed), [])).toBeNull();
    expect(s.failure).toBe(closed);
  });

  it('stops waiting when the page goes away', async () => {
    vi.useFakeTimers();
    const h = host();
    const s = new SubmissionController(h);
    const send = vi.fn(() => Promise.reject(new RetryLaterError(429, 'RATE_LIMITED', 'slow', 30)));
    const result = s.submit(send, []);
    await vi.advanceTimersByTimeAsync(0);
    h.controllers.forEach((c) => c.hostDisconnected?.());
    expect(await result).toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });
});
