import type { ErrorCode } from '@jiebang/domain';
import type { ApiResponse, Json } from './http';

/**
 * Helpers for table-driven large tests (authorization matrix, hostile input): an expected outcome is either a
 * success status or `"<status> <CODE>"`, and every error must be a complete problem+json document.
 */

export type SuccessStatus = 200 | 201;
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;
/** `200`, `201`, or an error as `"403 FORBIDDEN"` (status and code both asserted). */
export type Outcome = SuccessStatus | `${ErrorStatus} ${ErrorCode}`;

export function parseOutcome(outcome: Outcome): { status: number; code: ErrorCode | null } {
  if (typeof outcome === 'number') return { status: outcome, code: null };
  const [status, code] = outcome.split(' ');
  return { status: Number(status), code: code as ErrorCode };
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

/** Asserts status (and, for errors, the problem document with its code). */
export function expectOutcome(response: ApiResponse<Json>, outcome: Outcome): void {
  const { status, code } = parseOutcome(outcome);
  if (code === null) {
    expectNoServerError(response);
    if (response.status !== status) throw new Error(`expected ${status}, got ${describeResponse(response)}`);
    return;
  }
  expectProblem(response, status, code);
}

/** An authorization table's catalog entry: the services serving an endpoint and the states that need a row. */
export interface EndpointSpec {
  on: readonly string[];
  states: readonly string[];
}

/** A table row as far as the coverage check sees it. */
export interface MatrixRow {
  endpoint: string;
  on?: string;
  state: string;
  target?: string;
  expect: Record<string, unknown>;
}

/** A row's test label: the endpoint, its service when several serve it, and its target. */
export function matrixRowLabel(row: MatrixRow, endpoints: Record<string, EndpointSpec>): string {
  const spec = endpoints[row.endpoint];
  const service = spec.on.length > 1 ? ` @${row.on ?? spec.on[0]}-service` : '';
  return `${row.endpoint}${service}${row.target ? ` — ${row.target}` : ''}`;
}

/**
 * Asserts that every row names an outcome for every role on a service and state its endpoint has, and that every
 * endpoint × service × state of the catalog has a row.
 */
export function expectCompleteMatrix(rows: MatrixRow[], endpoints: Record<string, EndpointSpec>, roles: readonly string[]): void {
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
