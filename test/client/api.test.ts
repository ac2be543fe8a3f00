import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from '../../client/src/api/http.ts';
import { mapIssues, orderErrors } from '../../client/src/app/form-errors.ts';
import { setLocale } from '../../client/src/i18n/i18n.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('API client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends JSON with same-origin credentials and returns the parsed body', async () => {
    const fetchMock = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(
      request('/api/x', { method: 'POST', body: { a: 1 }, query: { q: 'ø', empty: '', cursor: null } }),
    ).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/x?q=%C3%B8');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"a":1}');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('retries a read the server shed (503 with Retry-After) after the time given, but never a write', async () => {
    vi.useFakeTimers();
    try {
      const shed = () =>
        new Response(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'busy' } }), {
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '2' },
        });
      const fetchMock = vi
        .fn()
        .mockResolvedValueOnce(shed())
        .mockResolvedValueOnce(json(200, { ok: 1 }));
      vi.stubGlobal('fetch', fetchMock);
      const read = request('/api/x');
      await vi.advanceTimersByTimeAsync(1900);
      expect(fetchMock).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(200);
      await expect(read).resolves.toEqual({ ok: 1 });
      expect(fetchMock).toHaveBeenCalledTimes(2);

      const post = vi.fn().mockResolvedValue(shed());
      vi.stubGlobal('fetch', post);
      const err = await request('/api/x', { method: 'POST', body: {} }).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 503, code: 'UNAVAILABLE', retryAfter: 2 });
      expect(post).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('turns the server error body into a typed ApiError', async () => {
    vi.stubGlobal('fetch', async () =>
      json(409, {
        error: { code: 'STALE_VERSION', message: 'Someone else changed this', details: { currentVersion: 3 } },
      }),
    );
    const err = await request('/api/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 409,
      code: 'STALE_VERSION',
      message: 'Someone else changed this',
      details: { currentVersion: 3 },
    });
  });

  it('reports a network failure and a non-JSON error as ApiErrors too', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(request('/api/x')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
    vi.stubGlobal(
      'fetch',
      async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    await expect(request('/api/x')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('returns undefined for 204', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await expect(request('/api/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });
});

describe('server validation issues on form fields', () => {
  it('maps issue paths to fields, nearest enclosing path first, in form order', () => {
    setLocale('en');
    const err = new ApiError(400, 'VALIDATION_FAILED', 'Invalid body', {
      issues: [
        { path: '/summary/da', keyword: 'too_big', message: 'Too big' },
        { path: '/title/da', keyword: 'too_small', message: 'Too small' },
        { path: '/documents/0/title/en', keyword: 'too_small', message: 'Too small' },
        { path: '/unknown', keyword: 'custom', message: '?' },
      ],
    });
    const { errors, unmatched } = mapIssues(err, {
      '/title/da': { id: 'f-title-da', label: () => 'Title (Danish)' },
      '/summary/da': { id: 'f-summary-da', label: () => 'Summary (Danish)' },
      '/documents/0/title': { id: 'doc-0-title', label: () => 'Document 1: Title' },
    });
    expect(unmatched).toBe(1);
    expect(errors.get('f-title-da')).toBe('Title (Danish) must be filled in');
    expect(errors.get('f-summary-da')).toBe('Summary (Danish) is not filled in correctly');
    expect(errors.get('doc-0-title')).toBe('Document 1: Title must be filled in');
    expect([...orderErrors(errors, ['f-title-da', 'f-summary-da', 'doc-0-title']).keys()]).toEqual([
      'f-title-da',
      'f-summary-da',
      'doc-0-title',
    ]);
    setLocale('da');
  });
});
