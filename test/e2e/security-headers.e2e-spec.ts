import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerSme, TestUser } from '../support/actors';
import { ApiResponse, client, Json, request } from '../support/http';
import { registeredRoutes } from '../support/routes';
import { startStack, Stack } from '../support/stack';

/**
 * QUALITY.md "Security": security headers on every response — every route every app registers (read from the apps
 * themselves), successes and refusals alike (401, 404, 400, 413, the 503 of a shutdown is covered by the fault
 * suite), with the request's trace id.
 */
describe('security headers on every response (large)', () => {
  let stack: Stack;
  let sme: TestUser;

  beforeAll(async () => {
    stack = await startStack();
    sme = await registerSme(stack);
  });
  afterAll(() => stack?.close());

  function expectSecurityHeaders(response: ApiResponse<Json>, what: string): void {
    const h = (name: string) => response.headers.get(name);
    const missing = [
      ['x-content-type-options', h('x-content-type-options') === 'nosniff'],
      ['content-security-policy', /default-src 'self'/.test(h('content-security-policy') ?? '') && /frame-ancestors 'self'/.test(h('content-security-policy') ?? '')],
      ['x-frame-options', h('x-frame-options') === 'SAMEORIGIN'],
      ['referrer-policy', h('referrer-policy') === 'no-referrer'],
      ['strict-transport-security', /max-age=\d{7,}/.test(h('strict-transport-security') ?? '')],
      ['cross-origin-opener-policy', h('cross-origin-opener-policy') === 'same-origin'],
      ['x-request-id', (h('x-request-id') ?? '').length >= 8],
      ['no x-powered-by', h('x-powered-by') === null],
    ]
      .filter(([, ok]) => !ok)
      .map(([name]) => name);
    if (missing.length > 0) throw new Error(`${what} → ${response.status}: missing or wrong ${missing.join(', ')}`);
  }

  /** A concrete URL for a registered path: parameters become a fresh UUID, a wildcard a plausible file. */
  const concrete = (path: string) => path.replace(/:[A-Za-z_][A-Za-z0-9_]*/g, randomUUID()).replace(/\*$/, 'index.html');

  it.each(['challenge', 'bidding', 'worker'] as const)('every GET route of the %s app, anonymous and signed in', async (service) => {
    const app = { challenge: stack.challengeApp, bidding: stack.biddingApp, worker: stack.worker }[service] as NestFastifyApplication;
    const base = { challenge: stack.challengeUrl, bidding: stack.biddingUrl, worker: stack.workerUrl }[service] as string;
    const routes = registeredRoutes(app).filter((r) => r.method === 'GET');
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) {
      const url = base + concrete(route.path);
      expectSecurityHeaders(await request('GET', url), `GET ${route.path} (anonymous)`);
      expectSecurityHeaders(await request('GET', url, undefined, { token: sme.token }), `GET ${route.path} (sme)`);
    }
  });

  it('every write route of both API services, refused or not', async () => {
    for (const [app, base] of [
      [stack.challengeApp, stack.challengeUrl],
      [stack.biddingApp, stack.biddingUrl],
    ] as const) {
      for (const route of registeredRoutes(app).filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))) {
        const url = base + concrete(route.path);
        expectSecurityHeaders(await request(route.method, url, {}), `${route.method} ${route.path} (anonymous, empty body)`);
        expectSecurityHeaders(await request(route.method, url, undefined, { token: sme.token, raw: '{"truncated": ' }), `${route.method} ${route.path} (bad JSON)`);
      }
    }
  });

  it('errors from the framework itself: unknown route, oversized body, wrong method', async () => {
    const cs = client(stack.challengeUrl);
    const unknown = await cs.get('/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expectSecurityHeaders(unknown, 'unknown route');
    const huge = await request('POST', `${stack.challengeUrl}/api/v1/auth/login`, undefined, { raw: JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expectSecurityHeaders(huge, 'oversized body');
    const wrongMethod = await request('DELETE', `${stack.challengeUrl}/api/v1/challenges`);
    expect(wrongMethod.status).toBe(404);
    expectSecurityHeaders(wrongMethod, 'wrong method');
  });
});
