/**
 * The demo's HTTP client: JSON in and out, a bearer token per actor, and a readable error (step, status, the
 * problem's code and detail) whenever a call does not answer with the status the step expects.
 */

/** A step of the demo failed; the message says which and why. */
export class DemoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoError';
  }
}

// The API's JSON is read field by field where it is printed; a precise type per endpoint would only restate API.md.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Actor {
  id: string;
  name: string;
  token: string;
}

const REQUEST_TIMEOUT_MS = 15_000;

/** `status code — detail (field: message; …)` of a problem+json body, or the start of whatever came back. */
export function describeProblem(status: number, body: Json): string {
  if (body && typeof body === 'object') {
    const errors = Array.isArray(body.errors) ? body.errors.map((e: Json) => `${e.field}: ${e.message}`).join('; ') : '';
    const head = [body.code, body.detail ?? body.title].filter(Boolean).join(' — ');
    return `${status} ${head}${errors ? ` (${errors})` : ''}`.trim();
  }
  return `${status} ${String(body ?? '').slice(0, 200)}`.trim();
}

export class Api {
  constructor(
    readonly challengeUrl: string,
    readonly biddingUrl: string,
    readonly workerUrl: string,
  ) {}

  /** Whether the matching worker answers its liveness probe (it does not while its event loop is blocked). */
  async workerAlive(): Promise<boolean> {
    try {
      return (await fetch(`${this.workerUrl}/health`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  }

  /**
   * Calls `method path` on a service as `actor` (or anonymously) and returns the body; any status other than
   * `expect` is a DemoError naming `step`.
   */
  async call(step: string, service: 'challenge' | 'bidding', method: string, path: string, options: { as?: Actor; body?: unknown; expect?: number } = {}): Promise<Json> {
    const { status, body } = await this.raw(service, method, path, options);
    const expected = options.expect ?? (method === 'POST' && status === 201 ? 201 : 200);
    if (status !== expected) throw new DemoError(`${step} failed: ${method} ${path} answered ${describeProblem(status, body)}`);
    return body;
  }

  /** The same call without judging the status. */
  async raw(service: 'challenge' | 'bidding', method: string, path: string, options: { as?: Actor; body?: unknown } = {}): Promise<{ status: number; body: Json }> {
    const base = service === 'challenge' ? this.challengeUrl : this.biddingUrl;
    const headers: Record<string, string> = {};
    if (options.as) headers.authorization = `Bearer ${options.as.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new DemoError(`${method} ${base}${path} did not answer (${(error as Error).message})`);
    }
    const text = await response.text();
    let body: Json = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body };
  }

  get(step: string, service: 'challenge' | 'bidding', path: string, as?: Actor): Promise<Json> {
    return this.call(step, service, 'GET', path, { as });
  }

  post(step: string, service: 'challenge' | 'bidding', path: string, as: Actor, body?: unknown, expect?: number): Promise<Json> {
    return this.call(step, service, 'POST', path, { as, body, expect });
  }

  put(step: string, service: 'challenge' | 'bidding', path: string, as: Actor, body: unknown): Promise<Json> {
    return this.call(step, service, 'PUT', path, { as, body });
  }
}

/**
 * Polls `check` until it returns a value (not undefined), at most `timeoutMs`; on time-out a DemoError says what
 * the demo waited for (and the last state `describe` reports, when given).
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: { timeoutMs?: number; everyMs?: number; describe?: () => Promise<string> } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const last = options.describe ? ` (last seen: ${await options.describe().catch(() => 'unknown')})` : '';
      throw new DemoError(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last}`);
    }
    await sleep(options.everyMs ?? 300);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
