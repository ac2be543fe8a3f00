/** The one fetch wrapper: same-origin cookies, JSON both ways, and a typed error for every failure. */

export type Issue = { path: string; keyword?: string; message?: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Seconds the server asked to wait (503 with a Retry-After in seconds), when it said so. */
  retryAfter: number | undefined = undefined;

  /** Validation issues from a 400 (`details.issues[]`), with `path` like `/title/da`. */
  get issues(): Issue[] {
    const raw = this.details?.['issues'];
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((i: unknown) => {
      if (!i || typeof i !== 'object') return [];
      const o = i as Record<string, unknown>;
      const path =
        typeof o['path'] === 'string' ? o['path'] : Array.isArray(o['path']) ? '/' + o['path'].join('/') : '';
      return [
        {
          path,
          keyword: typeof o['keyword'] === 'string' ? o['keyword'] : undefined,
          message: typeof o['message'] === 'string' ? o['message'] : undefined,
        },
      ];
    });
  }
}

type Query = Record<string, string | number | undefined | null>;
export type RequestOptions = {
  method?: string;
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  headers?: Record<string, string>;
};

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** How long a shed read waits before its one automatic retry, at most (longer Retry-Afters surface as errors). */
const READ_RETRY_MAX_S = 10;

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });

/**
 * A JSON request. A read (GET) that the server sheds under load (503 with Retry-After, issue 15
 * item 6) is retried by itself after the time given, up to twice; writes never are here — forms keep
 * their draft and retry with their Idempotency-Key (RetryLaterError in api/responses.ts).
 */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const read = (opts.method ?? 'GET') === 'GET';
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestOnce<T>(path, opts);
    } catch (err) {
      const after = err instanceof ApiError ? err.retryAfter : undefined;
      if (!read || attempt >= 2 || after === undefined || after > READ_RETRY_MAX_S) throw err;
      await wait(Math.max(1, after) * 1000, opts.signal);
    }
  }
}

async function requestOnce<T>(path: string, opts: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { ...opts.headers, accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  if (res.status === 204) return undefined as T;
  let payload: unknown = undefined;
  const text = await res.text();
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }
  if (!res.ok) {
    const e = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    const error = new ApiError(
      res.status,
      typeof e?.code === 'string' ? e.code : `HTTP_${res.status}`,
      typeof e?.message === 'string' ? e.message : res.statusText,
      e?.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : undefined,
    );
    const retryAfter = Number(res.headers.get('retry-after'));
    if (res.status === 503 && res.headers.get('retry-after') !== null && Number.isFinite(retryAfter))
      error.retryAfter = retryAfter;
    throw error;
  }
  return payload as T;
}
