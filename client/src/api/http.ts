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

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
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
    throw new ApiError(
      res.status,
      typeof e?.code === 'string' ? e.code : `HTTP_${res.status}`,
      typeof e?.message === 'string' ? e.message : res.statusText,
      e?.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : undefined,
    );
  }
  return payload as T;
}
