import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import { QUEUE_NAMES } from '@jiebang/queue';
import { createAdmin, registerLead, registerSme, TestUser } from '../support/actors';
import { CATALOGS, DashboardEndpoint, OperationsEndpoint, OperationsState, OPERATIONS_ENDPOINTS, PORTAL_FILES } from '../support/authorization-endpoints';
import { Json, RequestOptions } from '../support/http';
import { approvedReviewer } from '../support/lifecycle';
import {
  Caller,
  callersOf,
  describeRows,
  everyone,
  expectCompleteMatrix,
  N,
  Outcome,
  Role,
  Row as MatrixRowOf,
  Service,
  U,
} from '../support/matrix';
import { endpointKey, parseRouteTree, registeredRoutes, routeKey } from '../support/routes';
import { startStack, Stack } from '../support/stack';

/**
 * Every route the three apps register has a row in an authorization matrix, and this file holds the rows of the
 * routes outside the API: health, metrics, the CORS preflight, the OpenAPI UI and documents, the web portal and
 * the queue dashboard.
 *
 * The route list comes from the running apps themselves (test/support/routes.ts reads each app's Fastify routing
 * table), started as production starts them (createHttpApp) with a stand-in portal build and a CORS origin, so the
 * portal's static files, its fallback and the preflight route are registered too. A route no catalog of
 * test/support/authorization-endpoints.ts lists fails the coverage test, and so does a catalogued route no app
 * registers. HEAD routes are the GET routes' twins (Fastify adds one per GET; @fastify/static registers both):
 * they are covered by the GET entry, and the HEAD test below checks that every one answers as its GET does.
 *
 * Public routes are rows like any other (everyone → 200), never dropped: the wildcard ones (`/*` of the portal,
 * `/docs/*`, `/admin/queues/static/*`, `OPTIONS /*`) are catalogued as they are registered, with a concrete path
 * as the row's target. On the queue dashboard the gate is HTTP basic auth with an admin's email and password:
 * everyone else (bearer tokens included) gets 401; the admin's cells name bull-board's own answer, on an unknown
 * queue or job wherever the route would change something (the board's only global actions, pause and resume,
 * run for real, in that order).
 *
 * The reviewers: no route here concerns a challenge, so nobody can be assigned on its objects; both reviewers are
 * approved and assigned to nothing, and their columns must agree.
 */

type Row = MatrixRowOf<World, OperationsEndpoint, OperationsState>;

interface World {
  stack: Stack;
  users: Record<Exclude<Role, 'anonymous'>, TestUser>;
}

const PORTAL_ORIGIN = 'http://portal.matrix.test:4173';
const QUEUE = QUEUE_NAMES[0];
const NO_QUEUE = 'matrix-no-such-queue';
const NO_JOB = 'matrix-no-such-job';
const QUEUE_MISSING: Outcome = '404 (bull-board: queue not found)';
const JOB_MISSING: Outcome = '404 (bull-board: job not found)';
/** bull-board checks a body before it looks the queue up: an empty one is refused, past the gate all the same. */
const BODY_REFUSED: Outcome = '400 (bull-board: invalid body)';

/** HTTP basic auth with the caller's own email and password (nothing for anonymous). */
const basicAuth = (as: Caller): RequestOptions => {
  const headers: Record<string, string> = {};
  if (as.user) headers.authorization = `Basic ${Buffer.from(`${as.user.email}:${as.user.password}`).toString('base64')}`;
  return { token: undefined, headers };
};

const SERVICES = ['challenge', 'bidding', 'worker'] as const;
const APIS = ['challenge', 'bidding'] as const;

/** Every dashboard route: the path a row calls and what bull-board answers the admin (past the gate). */
const DASHBOARD: Record<DashboardEndpoint, { path: string; admin: Outcome; body?: Json }> = {
  'GET /admin/queues': { path: '/admin/queues', admin: 200 },
  'GET /admin/queues/': { path: '/admin/queues/', admin: 200 },
  'GET /admin/queues/metrics-history': { path: '/admin/queues/metrics-history', admin: 200 },
  'GET /admin/queues/job-schedulers': { path: '/admin/queues/job-schedulers', admin: 200 },
  'GET /admin/queues/queue/:queueName': { path: `/admin/queues/queue/${QUEUE}`, admin: 200 },
  'GET /admin/queues/queue/:queueName/:jobId': { path: `/admin/queues/queue/${QUEUE}/${NO_JOB}`, admin: 200 },
  'GET /admin/queues/static/*': { path: '/admin/queues/static/favicon-32x32.png', admin: 200 },
  'GET /admin/queues/api/redis/stats': { path: '/admin/queues/api/redis/stats', admin: 200 },
  'GET /admin/queues/api/queues': { path: '/admin/queues/api/queues', admin: 200 },
  'GET /admin/queues/api/job-schedulers': { path: '/admin/queues/api/job-schedulers', admin: 200 },
  'GET /admin/queues/api/queues/:queueName/metrics': { path: `/admin/queues/api/queues/${QUEUE}/metrics`, admin: 200 },
  'GET /admin/queues/api/queues/:queueName/default-job-options': { path: `/admin/queues/api/queues/${QUEUE}/default-job-options`, admin: 200 },
  'GET /admin/queues/api/queues/:queueName/workers': { path: `/admin/queues/api/queues/${QUEUE}/workers`, admin: 200 },
  'GET /admin/queues/api/queues/:queueName/rate-limit': { path: `/admin/queues/api/queues/${QUEUE}/rate-limit`, admin: 200 },
  'GET /admin/queues/api/queues/:queueName/job-data-schema': { path: `/admin/queues/api/queues/${QUEUE}/job-data-schema`, admin: 200 },
  'GET /admin/queues/api/queues/:queueName/:jobId': { path: `/admin/queues/api/queues/${QUEUE}/${NO_JOB}`, admin: JOB_MISSING },
  'GET /admin/queues/api/queues/:queueName/:jobId/logs': { path: `/admin/queues/api/queues/${QUEUE}/${NO_JOB}/logs`, admin: 200 },
  'GET /admin/queues/api/queues/:queueName/:jobId/flow': { path: `/admin/queues/api/queues/${QUEUE}/${NO_JOB}/flow`, admin: JOB_MISSING },
  'PUT /admin/queues/api/queues/pause': { path: '/admin/queues/api/queues/pause', admin: 200 },
  'PUT /admin/queues/api/queues/resume': { path: '/admin/queues/api/queues/resume', admin: 200 },
  'PUT /admin/queues/api/queues/:queueName/rate-limit': { path: `/admin/queues/api/queues/${NO_QUEUE}/rate-limit`, admin: QUEUE_MISSING, body: {} },
  'PUT /admin/queues/api/queues/:queueName/rate-limit/release': { path: `/admin/queues/api/queues/${NO_QUEUE}/rate-limit/release`, admin: QUEUE_MISSING },
  'PUT /admin/queues/api/queues/:queueName/retry/:queueStatus': { path: `/admin/queues/api/queues/${NO_QUEUE}/retry/failed`, admin: QUEUE_MISSING },
  'PUT /admin/queues/api/queues/:queueName/resume': { path: `/admin/queues/api/queues/${NO_QUEUE}/resume`, admin: QUEUE_MISSING },
  'PUT /admin/queues/api/queues/:queueName/pause': { path: `/admin/queues/api/queues/${NO_QUEUE}/pause`, admin: QUEUE_MISSING },
  'PUT /admin/queues/api/queues/:queueName/promote': { path: `/admin/queues/api/queues/${NO_QUEUE}/promote`, admin: QUEUE_MISSING },
  'PUT /admin/queues/api/queues/:queueName/clean/:queueStatus': { path: `/admin/queues/api/queues/${NO_QUEUE}/clean/completed`, admin: QUEUE_MISSING },
  'PUT /admin/queues/api/queues/:queueName/concurrency': { path: `/admin/queues/api/queues/${NO_QUEUE}/concurrency`, admin: BODY_REFUSED, body: {} },
  'PUT /admin/queues/api/queues/:queueName/empty': { path: `/admin/queues/api/queues/${NO_QUEUE}/empty`, admin: QUEUE_MISSING },
  'PUT /admin/queues/api/queues/:queueName/obliterate': { path: `/admin/queues/api/queues/${NO_QUEUE}/obliterate`, admin: QUEUE_MISSING },
  'PATCH /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId': {
    path: `/admin/queues/api/queues/${NO_QUEUE}/job-schedulers/${NO_JOB}`,
    admin: BODY_REFUSED,
    body: {},
  },
  'PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/remove': {
    path: `/admin/queues/api/queues/${NO_QUEUE}/job-schedulers/${NO_JOB}/remove`,
    admin: QUEUE_MISSING,
  },
  'PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/run': {
    path: `/admin/queues/api/queues/${NO_QUEUE}/job-schedulers/${NO_JOB}/run`,
    admin: QUEUE_MISSING,
  },
  'POST /admin/queues/api/queues/:queueName/add': { path: `/admin/queues/api/queues/${NO_QUEUE}/add`, admin: QUEUE_MISSING, body: {} },
  'PUT /admin/queues/api/queues/:queueName/:jobId/retry': { path: `/admin/queues/api/queues/${NO_QUEUE}/${NO_JOB}/retry`, admin: QUEUE_MISSING },
  'PUT /admin/queues/api/queues/:queueName/:jobId/remove-unprocessed-children': {
    path: `/admin/queues/api/queues/${NO_QUEUE}/${NO_JOB}/remove-unprocessed-children`,
    admin: QUEUE_MISSING,
  },
  'PUT /admin/queues/api/queues/:queueName/:jobId/clean': { path: `/admin/queues/api/queues/${NO_QUEUE}/${NO_JOB}/clean`, admin: QUEUE_MISSING },
  'PUT /admin/queues/api/queues/:queueName/:jobId/promote': { path: `/admin/queues/api/queues/${NO_QUEUE}/${NO_JOB}/promote`, admin: QUEUE_MISSING },
  'PATCH /admin/queues/api/queues/:queueName/:jobId/priority': {
    path: `/admin/queues/api/queues/${NO_QUEUE}/${NO_JOB}/priority`,
    admin: BODY_REFUSED,
    body: {},
  },
  'PATCH /admin/queues/api/queues/:queueName/:jobId/update-data': {
    path: `/admin/queues/api/queues/${NO_QUEUE}/${NO_JOB}/update-data`,
    admin: BODY_REFUSED,
    body: {},
  },
  'PATCH /admin/queues/api/queues/:queueName/:jobId/delay': { path: `/admin/queues/api/queues/${NO_QUEUE}/${NO_JOB}/delay`, admin: BODY_REFUSED, body: {} },
};

const publicGet = (endpoint: OperationsEndpoint, on: Service, path: string, check?: Row['check'], target?: string): Row => ({
  endpoint,
  on,
  state: 'none',
  target,
  expect: everyone(200),
  call: (as) => as.at(on).get(path),
  check,
});

const ROWS: Row[] = [
  // ───────────────────────────── health and metrics (public) ─────────────────────────────
  ...SERVICES.flatMap((on): Row[] => [
    publicGet('GET /health', on, '/health', (r) => expect(r.body.status).toBe('ok')),
    publicGet('GET /health/ready', on, '/health/ready'),
    publicGet('GET /metrics', on, '/metrics', (r) => expect(String(r.body)).toContain('# TYPE')),
  ]),

  // ───────────────────────────── CORS preflight (public, carries no data) ─────────────────────────────
  ...SERVICES.flatMap((on): Row[] => [
    {
      endpoint: 'OPTIONS /*',
      on,
      state: 'none',
      target: "from the portal's origin",
      expect: everyone(204),
      call: (as) => as.send(on, 'OPTIONS', '/api/v1/bids', undefined, { headers: { origin: PORTAL_ORIGIN, 'access-control-request-method': 'POST' } }),
      check: (r) => {
        expect(r.headers.get('access-control-allow-origin')).toBe(PORTAL_ORIGIN);
        expect(r.body).toBeNull();
      },
    },
    {
      endpoint: 'OPTIONS /*',
      on,
      state: 'none',
      target: 'from another origin (not allowed)',
      expect: everyone(204),
      call: (as) => as.send(on, 'OPTIONS', '/api/v1/bids', undefined, { headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } }),
      check: (r) => {
        expect(r.headers.get('access-control-allow-origin')).toBeNull();
        expect(r.body).toBeNull();
      },
    },
  ]),

  // ───────────────────────────── OpenAPI UI and documents (public) ─────────────────────────────
  ...APIS.flatMap((on): Row[] => [
    publicGet('GET /docs', on, '/docs', (r) => expect(String(r.body)).toContain('swagger')),
    publicGet('GET /docs/', on, '/docs/', (r) => expect(String(r.body)).toContain('swagger')),
    publicGet('GET /docs/index.html', on, '/docs/index.html'),
    {
      endpoint: 'GET /docs/LICENSE',
      on,
      state: 'none',
      target: '@nestjs/swagger refuses it for everyone (its own 404, not a problem document)',
      expect: everyone('404 (@nestjs/swagger)'),
      call: (as) => as.at(on).get('/docs/LICENSE'),
    },
    publicGet('GET /docs/swagger-ui-init.js', on, '/docs/swagger-ui-init.js'),
    publicGet('GET /docs/docs/swagger-ui-init.js', on, '/docs/docs/swagger-ui-init.js'),
    publicGet('GET /docs/*', on, '/docs/swagger-ui.css', undefined, 'an asset of swagger-ui-dist'),
    publicGet('GET /docs-json', on, '/docs-json', (r) => expect(r.body.openapi).toEqual(expect.any(String))),
    publicGet('GET /docs-yaml', on, '/docs-yaml', (r) => expect(String(r.body)).toMatch(/^openapi: /m)),
  ]),

  // ───────────────────────────── the web portal (public) ─────────────────────────────
  publicGet('GET /', 'challenge', '/', (r) => expect(String(r.body)).toContain('<div id="root">')),
  publicGet('GET /index.html', 'challenge', '/index.html', (r) => expect(String(r.body)).toContain('<div id="root">')),
  publicGet('GET /assets/app-matrix.js', 'challenge', '/assets/app-matrix.js'),
  publicGet('GET /portal-config.json', 'challenge', '/portal-config.json', (r) => expect(r.body).toHaveProperty('biddingPort')),
  publicGet('GET /*', 'challenge', '/lead/challenges/new', (r) => expect(String(r.body)).toContain('<div id="root">'), 'a client-side route: the app shell'),
  {
    endpoint: 'GET /*',
    on: 'challenge',
    state: 'none',
    target: 'an API-looking path: a real 404, not the shell',
    expect: everyone(N),
    call: (as) => as.cs.get('/api/v1/matrix-nothing-here'),
  },

  // ───────────────────────────── the queue dashboard (admins, HTTP basic auth) ─────────────────────────────
  ...(Object.entries(DASHBOARD) as Array<[DashboardEndpoint, (typeof DASHBOARD)[DashboardEndpoint]]>).map(
    ([endpoint, spec]): Row => ({
      endpoint,
      on: 'worker',
      state: 'none',
      target: 'basic auth with the caller’s own email and password',
      expect: { ...everyone(U), admin: spec.admin },
      call: (as) => as.send('worker', endpoint.split(' ')[0], spec.path, spec.body, basicAuth(as)),
    }),
  ),
  {
    endpoint: 'GET /admin/queues',
    on: 'worker',
    state: 'none',
    target: 'the caller’s bearer token',
    expect: everyone(U),
    call: (as) => as.at('worker').get('/admin/queues'),
  },
  {
    endpoint: 'PUT /admin/queues/api/queues/pause',
    on: 'worker',
    state: 'none',
    target: 'the caller’s bearer token',
    expect: everyone(U),
    call: (as) => as.send('worker', 'PUT', '/admin/queues/api/queues/pause'),
  },
  {
    endpoint: 'GET /admin/queues/api/queues',
    on: 'worker',
    state: 'none',
    target: "basic auth with an admin's email and the caller's password",
    expect: everyone(U),
    call: (as, w) => {
      const password = as.user?.password ?? '';
      const headers = { authorization: `Basic ${Buffer.from(`${w.users.admin.email}:${as.role === 'admin' ? 'not-the-password' : password}`).toString('base64')}` };
      return as.send('worker', 'GET', '/admin/queues/api/queues', undefined, { token: undefined, headers });
    },
  },
];

/** A concrete path for a registered pattern: parameters and wildcards filled with harmless values. */
const concrete = (path: string): string => path.replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '00000000-0000-4000-8000-000000000000').replace(/\*/g, 'matrix-probe');

describe('authorization matrix: every registered route; operations, docs, portal, queue dashboard (large)', () => {
  let stack: Stack;
  let portalDir: string;
  const w = {} as World;
  const callers = {} as Record<Role, Caller>;
  const apps = (): Record<Service, NestFastifyApplication> => ({ challenge: stack.challengeApp, bidding: stack.biddingApp, worker: stack.worker! });

  it('the table names an outcome for every role and covers every endpoint in every state', () => {
    expectCompleteMatrix(ROWS, OPERATIONS_ENDPOINTS);
  });

  beforeAll(async () => {
    portalDir = mkdtempSync(join(tmpdir(), 'jiebang-matrix-portal-'));
    for (const [file, content] of Object.entries(PORTAL_FILES)) {
      mkdirSync(dirname(join(portalDir, file)), { recursive: true });
      writeFileSync(join(portalDir, file), content);
    }
    stack = await startStack({ env: { PORTAL_DIR: portalDir, CORS_ORIGINS: PORTAL_ORIGIN } });
    w.stack = stack;
    const [leadOwner, leadOther, smeBidder, smeOther, admin] = await Promise.all([
      registerLead(stack),
      registerLead(stack),
      registerSme(stack),
      registerSme(stack),
      createAdmin(stack),
    ]);
    const [reviewerAssigned, reviewerOther] = await Promise.all([approvedReviewer(stack, admin, ['伺服控制']), approvedReviewer(stack, admin, ['电机'])]);
    w.users = { leadOwner, leadOther, smeBidder, smeOther, reviewerAssigned, reviewerOther, admin };
    Object.assign(callers, callersOf(stack, w.users));
  });
  afterAll(async () => {
    await stack?.close();
    if (portalDir) rmSync(portalDir, { recursive: true, force: true });
  });

  it("reads Fastify's route tree: parameters, a wildcard under static segments, the bare catch-all, shared prefixes", async () => {
    const fastify = Fastify();
    const handler = async () => 'ok';
    fastify.get('/a/b/:id/c/:qid', handler);
    fastify.get('/a/static/*', handler);
    fastify.options('*', handler);
    fastify.post('/a', handler);
    fastify.put('/ab', handler);
    fastify.patch('/a/b/:id', handler);
    await fastify.ready();
    try {
      const read = parseRouteTree(fastify.printRoutes()).map(routeKey).sort();
      expect(read).toEqual(
        [
          'GET /a/b/:p1/c/:p2',
          'HEAD /a/b/:p1/c/:p2',
          'GET /a/static/*',
          'HEAD /a/static/*',
          'OPTIONS /*',
          'POST /a',
          'PUT /ab',
          'PATCH /a/b/:p1',
        ].sort(),
      );
    } finally {
      await fastify.close();
    }
  });

  it('every route the three apps register is in a matrix catalog, and every catalogued route is registered', () => {
    const registered = new Set<string>();
    const headWithoutGet: string[] = [];
    for (const [service, app] of Object.entries(apps())) {
      const routes = registeredRoutes(app);
      const keys = new Set(routes.map(routeKey));
      for (const route of routes) {
        if (route.method === 'HEAD') {
          if (!keys.has(routeKey({ method: 'GET', path: route.path }))) headWithoutGet.push(`${routeKey(route)} @${service}`);
          continue;
        }
        registered.add(`${routeKey(route)} @${service}`);
      }
    }
    const catalogued = new Set<string>();
    for (const catalog of Object.values(CATALOGS)) {
      for (const [endpoint, spec] of Object.entries(catalog)) for (const on of spec.on) catalogued.add(`${endpointKey(endpoint)} @${on}`);
    }
    expect({
      headWithoutGet,
      registeredButInNoMatrix: [...registered].filter((k) => !catalogued.has(k)).sort(),
      inAMatrixButNotRegistered: [...catalogued].filter((k) => !registered.has(k)).sort(),
    }).toEqual({ headWithoutGet: [], registeredButInNoMatrix: [], inAMatrixButNotRegistered: [] });
    // the enumeration really sees all kinds of routes (a sanity check on the reader, not the coverage)
    for (const kind of ['POST /api/v1/bids @bidding', 'GET /api/v1/challenges/:p1/questions @challenge', 'GET /* @challenge', 'OPTIONS /* @worker', 'GET /admin/queues/static/* @worker']) {
      expect(registered).toContain(kind);
    }
  });

  it('every HEAD route answers as its GET does, without a body (anonymous and admin)', async () => {
    const mismatches: string[] = [];
    let probed = 0;
    for (const [service, app] of Object.entries(apps()) as Array<[Service, NestFastifyApplication]>) {
      for (const route of registeredRoutes(app).filter((r) => r.method === 'HEAD')) {
        const path = concrete(route.path);
        for (const role of ['anonymous', 'admin'] as const) {
          const as = callers[role];
          const options = service === 'worker' && path.startsWith('/admin/queues') ? basicAuth(as) : {};
          const [get, head] = await Promise.all([as.send(service, 'GET', path, undefined, options), as.send(service, 'HEAD', path, undefined, options)]);
          probed += 1;
          if (get.status !== head.status || (head.body !== null && head.body !== '')) {
            mismatches.push(`${role} ${path} @${service}: GET ${get.status}, HEAD ${head.status} ${JSON.stringify(head.body)?.slice(0, 80)}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(probed).toBeGreaterThan(100);
  });

  describeRows(ROWS, OPERATIONS_ENDPOINTS, callers, w);
});
