import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as BiddingPaths } from './bidding-service';
import type { paths as ChallengePaths } from './challenge-service';
import type { FieldError, Problem } from './types';

/** What challenge-service tells the portal about where the other services are (`/portal-config.json`). */
export interface RuntimeConfig {
  biddingUrl: string | null;
  biddingPort: number;
  workerUrl: string | null;
  workerPort: number;
}

/** An API refusal (RFC 9457 problem+json) or a network failure, thrown by `unwrap`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly traceId: string | null;

  constructor(status: number, problem: Partial<Problem> | null, fallback: string) {
    super(problem?.detail ?? problem?.title ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? 'NETWORK' : 'UNKNOWN');
    this.detail = problem?.detail ?? problem?.title ?? fallback;
    this.fieldErrors = problem?.errors ?? [];
    this.traceId = problem?.traceId ?? null;
  }
}

const TOKEN_KEY = 'jiebang.session';

/** The signed-in session, kept in localStorage so a reload keeps the user signed in until the token expires. */
export const tokenStore = {
  listeners: new Set<() => void>(),
  read(): string | null {
    const stored = this.stored();
    return stored && stored.expiresAt > Date.now() ? stored.token : null;
  },
  /** The stored session, expired or not (`read` hides an expired one). */
  stored(): { token: string; expiresAt: number } | null {
    try {
      const raw = localStorage.getItem(TOKEN_KEY);
      return raw ? (JSON.parse(raw) as { token: string; expiresAt: number }) : null;
    } catch {
      return null;
    }
  },
  write(token: string | null, expiresInSeconds = 0): void {
    if (token === null) localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, JSON.stringify({ token, expiresAt: Date.now() + expiresInSeconds * 1000 }));
    for (const listener of this.listeners) listener();
  },
};

export const authMiddleware: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.read();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // An expired or revoked token: forget it so the portal shows the sign-in link instead of failing every call.
    // Not for a refused sign-in or registration (401 INVALID_CREDENTIALS says nothing about the current session).
    const credentialsCall = /\/api\/v1\/auth\/(login|register)$/.test(new URL(request.url).pathname);
    if (response.status === 401 && !credentialsCall && tokenStore.stored() !== null) tokenStore.write(null);
    return response;
  },
};

function biddingBase(config: RuntimeConfig): string {
  return config.biddingUrl ?? `${location.protocol}//${location.hostname}:${config.biddingPort}`;
}

/** bidding-service's base URL as the portal reaches it (for the rare call openapi-fetch cannot make, e.g. an
 * upload with progress events through XMLHttpRequest). */
export function biddingBaseUrl(): string {
  return biddingBase(runtimeConfig);
}

/** The queue dashboard (matching-worker) the admin pages link to. */
export function queueDashboardUrl(config: RuntimeConfig): string {
  return `${config.workerUrl ?? `${location.protocol}//${location.hostname}:${config.workerPort}`}/admin/queues`;
}

export let runtimeConfig: RuntimeConfig = { biddingUrl: null, biddingPort: 3002, workerUrl: null, workerPort: 3003 };

/** challenge-service: same origin as the portal. */
export const challengeApi = createClient<ChallengePaths>({ baseUrl: '' });
challengeApi.use(authMiddleware);

/** bidding-service: its own origin (allowed by CORS_ORIGINS), set by `loadRuntimeConfig`. */
export let biddingApi = createClient<BiddingPaths>({ baseUrl: biddingBase(runtimeConfig) });
biddingApi.use(authMiddleware);

/** Reads `/portal-config.json` once at start-up and points the bidding client at bidding-service. */
export async function loadRuntimeConfig(): Promise<void> {
  try {
    const response = await fetch('/portal-config.json', { headers: { accept: 'application/json' } });
    if (response.ok) runtimeConfig = (await response.json()) as RuntimeConfig;
  } catch {
    // keep the defaults (same host, default ports)
  }
  biddingApi = createClient<BiddingPaths>({ baseUrl: biddingBase(runtimeConfig) });
  biddingApi.use(authMiddleware);
}

/** The data of an openapi-fetch result, or an ApiError carrying the problem's detail and field errors. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw new ApiError(0, null, (error as Error).message || 'network error');
  }
  if (result.response.ok) return result.data as T;
  const problem = (typeof result.error === 'object' ? result.error : null) as Partial<Problem> | null;
  throw new ApiError(result.response.status, problem, `${result.response.status} ${result.response.statusText}`);
}

/** The most pages `allPages` follows: past it a list is cut (with a note in the console), never fetched forever. */
export const MAX_PAGES = 50;

/**
 * Every item of a paged list (API.md "Lists"), following `nextCursor` page by page, for views that show a list whole
 * (the Q&A of one challenge); at most MAX_PAGES pages.
 */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<{ items: T[]; nextCursor: null }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < MAX_PAGES; n += 1) {
    const next = await page(cursor);
    items.push(...next.items);
    if (!next.nextCursor) return { items, nextCursor: null };
    cursor = next.nextCursor;
  }
  console.warn(`allPages: stopped after ${MAX_PAGES} pages (${items.length} items)`);
  return { items, nextCursor: null };
}
