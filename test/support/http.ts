/** A small JSON client for large tests: returns status, body and headers; never throws on 4xx/5xx. */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Raw body (sent as-is); otherwise `json` is serialized. */
  raw?: string;
  /** Abort (and throw) when no answer came within this time: a hung request fails the test. */
  timeoutMs?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function request(
  method: string,
  url: string,
  json?: unknown,
  options: RequestOptions = {},
): Promise<ApiResponse<Json>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (json !== undefined) body = JSON.stringify(json);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  const response = await fetch(url, { method, headers, body, signal });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (e.g. metrics): keep the text
  }
  return { status: response.status, body: parsed as Json, headers: response.headers };
}

export function client(baseUrl: string, token?: string) {
  return {
    get: (path: string, options: RequestOptions = {}) => request('GET', baseUrl + path, undefined, { token, ...options }),
    post: (path: string, json?: unknown, options: RequestOptions = {}) => request('POST', baseUrl + path, json, { token, ...options }),
    put: (path: string, json?: unknown, options: RequestOptions = {}) => request('PUT', baseUrl + path, json, { token, ...options }),
    patch: (path: string, json?: unknown, options: RequestOptions = {}) => request('PATCH', baseUrl + path, json, { token, ...options }),
  };
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
