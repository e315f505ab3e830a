import type { ErrorCode } from '@jiebang/domain';
import type { TestUser } from './actors';
import { ApiResponse, client, Json, request, RequestOptions } from './http';
import type { Stack } from './stack';

/**
 * Helpers for table-driven large tests (the authorization matrices, hostile input): an expected outcome is a
 * success status, `"<status> <CODE>"` (every error of ours is a complete problem+json document with that code),
 * or `"<status> (<who answers>)"` for a third-party handler whose body is not ours (the queue dashboard).
 */

export type SuccessStatus = 200 | 201 | 204;
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;
/** A refusal by a handler that is not ours: only the status is asserted, e.g. `"404 (bull-board)"`. */
export type ForeignOutcome = `${ErrorStatus} (${string})`;
/** `200`, `201`, `204`, an error as `"403 FORBIDDEN"` (status and code both asserted), or a ForeignOutcome. */
export type Outcome = SuccessStatus | `${ErrorStatus} ${ErrorCode}` | ForeignOutcome;

export function parseOutcome(outcome: Outcome): { status: number; code: ErrorCode | null; foreign: boolean } {
  if (typeof outcome === 'number') return { status: outcome, code: null, foreign: false };
  const [status, code] = outcome.split(' ');
  if (code.startsWith('(')) return { status: Number(status), code: null, foreign: true };
  return { status: Number(status), code: code as ErrorCode, foreign: false };
}

export function isSuccess(outcome: Outcome): boolean {
  return parseOutcome(outcome).status < 300;
}

function describeResponse(response: ApiResponse<Json>): string {
  const body = typeof response.body === 'string' ? response.body.slice(0, 300) : JSON.stringify(response.body)?.slice(0, 300);
  return `${response.status} ${response.headers.get('content-type') ?? ''} ${body}`;
}

/** Never a 5xx, whatever was sent. */
export function expectNoServerError(response: ApiResponse<Json>): void {
  if (response.status >= 500) throw new Error(`server error: ${describeResponse(response)}`);
}

/** A complete RFC 9457 problem with the contract's code and a trace id. */
export function expectProblem(response: ApiResponse<Json>, status: number, code: ErrorCode): void {
  expectNoServerError(response);
  const actual = `${response.status} ${typeof response.body === 'object' && response.body !== null ? response.body.code : '(no code)'}`;
  if (actual !== `${status} ${code}`) throw new Error(`expected ${status} ${code}, got ${describeResponse(response)}`);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, title: expect.any(String), type: expect.any(String) });
  expect(typeof response.body.traceId).toBe('string');
  expect(response.body.traceId.length).toBeGreaterThan(0);
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
}

/** Asserts status (and, for our errors, the problem document with its code). */
export function expectOutcome(response: ApiResponse<Json>, outcome: Outcome): void {
  const { status, code } = parseOutcome(outcome);
  if (code === null) {
    expectNoServerError(response);
    if (response.status !== status) throw new Error(`expected ${status}, got ${describeResponse(response)}`);
    return;
  }
  expectProblem(response, status, code);
}

// ───────────────────────────── the authorization matrices ─────────────────────────────

/**
 * The roles of QUALITY.md "Security", one column each in every matrix. "Assigned" and "other" are relative to the
 * route's objects: what a reviewer is assigned to review (a bid of the challenge), or nothing when the route has
 * no such object (each matrix file says what the two reviewers are in its world).
 */
export const ROLES = ['anonymous', 'leadOwner', 'leadOther', 'smeBidder', 'smeOther', 'reviewerAssigned', 'reviewerOther', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type SignedInRole = Exclude<Role, 'anonymous'>;
/** One outcome per role: a row without one does not compile. */
export type Cells = Record<Role, Outcome>;

/** The HTTP apps: the two API services and the matching worker. */
export type Service = 'challenge' | 'bidding' | 'worker';
export type Api = ReturnType<typeof client>;

/** A role's HTTP clients (bearer token of its user, none for anonymous). */
export interface Caller {
  role: Role;
  user: TestUser | null;
  /** challenge-service and bidding-service. */
  cs: Api;
  bs: Api;
  at(service: Service): Api;
  /** Any method (HEAD, OPTIONS, DELETE…) on a service, with the caller's token unless `options.token` overrides it. */
  send(service: Service, method: string, path: string, json?: unknown, options?: RequestOptions): Promise<ApiResponse<Json>>;
}

/** Callers for every role; the worker's URL is read when used (it may be started after). */
export function callersOf(stack: Stack, users: Record<SignedInRole, TestUser>): Record<Role, Caller> {
  const baseUrl = (service: Service): string => {
    if (service === 'challenge') return stack.challengeUrl;
    if (service === 'bidding') return stack.biddingUrl;
    if (!stack.workerUrl) throw new Error('worker not running');
    return stack.workerUrl;
  };
  const callers = {} as Record<Role, Caller>;
  for (const role of ROLES) {
    const user = role === 'anonymous' ? null : users[role];
    const token = user?.token;
    callers[role] = {
      role,
      user,
      cs: client(stack.challengeUrl, token),
      bs: client(stack.biddingUrl, token),
      at: (service) => client(baseUrl(service), token),
      send: (service, method, path, json, options = {}) => request(method, baseUrl(service) + path, json, { token, ...options }),
    };
  }
  return callers;
}

/** A matrix row: one endpoint on one service, in one state, on one target object; an outcome per role. */
export interface Row<World, Endpoint extends string = string, State extends string = string> {
  endpoint: Endpoint;
  /** Defaults to the endpoint's first service. */
  on?: Service;
  state: State;
  /** Which object the row targets, when the endpoint × state leaves a choice. */
  target?: string;
  expect: Cells;
  call(as: Caller, w: World): Promise<ApiResponse<Json>>;
  /** More assertions on a successful answer. */
  check?(response: ApiResponse<Json>, as: Caller, w: World): void;
}

// Cell shorthands: every error is asserted with its code.
export const U: Outcome = '401 UNAUTHENTICATED';
export const F: Outcome = '403 FORBIDDEN';
export const N: Outcome = '404 NOT_FOUND';
export const SEALED: Outcome = '403 BIDS_SEALED';
export const STATE: Outcome = '409 INVALID_STATE';
export const CLOSED: Outcome = '422 BIDDING_CLOSED';
export const V: Outcome = '400 VALIDATION_FAILED';

/** Every role gets `outcome`. */
export const everyone = (outcome: Outcome): Cells => Object.fromEntries(ROLES.map((role) => [role, outcome])) as Cells;
/** Anyone signed in gets `outcome`; no token is 401. */
export const signedIn = (outcome: Outcome): Cells => ({ ...everyone(outcome), anonymous: U });
/** Only the named roles get something else than 403 (no token: 401). */
export const only = (cells: Partial<Record<SignedInRole, Outcome>>): Cells => ({ ...signedIn(F), ...cells });
/** Both reviewer columns at once, where being assigned cannot change the answer. */
export const reviewers = (outcome: Outcome): Pick<Cells, 'reviewerAssigned' | 'reviewerOther'> => ({ reviewerAssigned: outcome, reviewerOther: outcome });

/** Set-up steps: the expected status or an error naming the step. */
export function setupStep<T extends ApiResponse<Json>>(response: T, status: number, what: string): T {
  if (response.status !== status) throw new Error(`set-up: ${what} answered ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

/** An authorization table's catalog entry: the services serving an endpoint and the states that need a row. */
export interface EndpointSpec<S extends Service = Service, St extends string = string> {
  on: readonly S[];
  states: readonly St[];
}
export type Catalog = Record<string, EndpointSpec>;

/** A table row as far as the coverage check sees it. */
export interface MatrixRow {
  endpoint: string;
  on?: string;
  state: string;
  target?: string;
  expect: Record<string, unknown>;
}

/** A row's test label: the endpoint, its service when several serve it, and its target. */
export function matrixRowLabel(row: MatrixRow, endpoints: Catalog): string {
  const spec = endpoints[row.endpoint];
  const service = spec.on.length > 1 ? ` @${row.on ?? spec.on[0]}-service` : '';
  return `${row.endpoint}${service}${row.target ? ` — ${row.target}` : ''}`;
}

/**
 * Asserts that every row names an outcome for every role on a service and state its endpoint has, and that every
 * endpoint × service × state of the catalog has a row.
 */
export function expectCompleteMatrix(rows: MatrixRow[], endpoints: Catalog, roles: readonly string[] = ROLES): void {
  for (const row of rows) {
    expect(Object.keys(row.expect).sort()).toEqual([...roles].sort());
    const spec = endpoints[row.endpoint];
    expect(spec.on).toContain(row.on ?? spec.on[0]);
    expect(spec.states).toContain(row.state);
  }
  const missing: string[] = [];
  for (const [endpoint, spec] of Object.entries(endpoints)) {
    for (const on of spec.on) {
      for (const state of spec.states) {
        if (!rows.some((r) => r.endpoint === endpoint && (r.on ?? spec.on[0]) === on && r.state === state)) missing.push(`${endpoint} @${on} [${state}]`);
      }
    }
  }
  expect(missing).toEqual([]);
}

/**
 * One `describe` per row and one test per role. Cells expected to fail run first, so a successful change
 * cannot alter the others' answers. `callers` and `w` are filled in by the caller's beforeAll.
 */
export function describeRows<World>(rows: readonly Row<World>[], endpoints: Catalog, callers: Record<Role, Caller>, w: World): void {
  for (const row of rows) {
    describe(matrixRowLabel(row, endpoints), () => {
      const order = [...ROLES].sort((a, b) => Number(isSuccess(row.expect[a])) - Number(isSuccess(row.expect[b])));
      for (const role of order) {
        const outcome = row.expect[role];
        it(`${role} → ${outcome}`, async () => {
          const response = await row.call(callers[role], w);
          expectOutcome(response, outcome);
          if (row.check && isSuccess(outcome)) row.check(response, callers[role], w);
        });
      }
    });
  }
}
