import type { EndpointSpec, Service } from './matrix';

/**
 * The catalogs of the authorization matrices: every route the three apps register, where it is served and the
 * states that need a row. Each matrix file owns one catalog and has a row for every endpoint × service × state of
 * it; `authorization-routes.e2e-spec.ts` checks their union against the routes the running apps registered
 * (HEAD folded into GET), in both directions.
 *
 * Paths are written as the apps register them; parameter names do not matter (`:id` and `:p1` are the same).
 */

// ───────────────────────────── issue 2: identity, challenges, bids (authorization.e2e-spec.ts) ─────────────────────────────

/** `none`: the answer does not depend on a challenge; the others are the challenge states that change it. */
export type Issue2State = 'none' | 'draft' | 'published' | 'closed' | 'reviewing';
const CHALLENGE_STATES = ['draft', 'published', 'closed'] as const;
/** A bid exists from published on; `reviewing`: the bid the assigned reviewer reviews (blind review). */
const BID_READ_STATES = ['published', 'closed', 'reviewing'] as const;
const BID_WRITE_STATES = ['published', 'closed'] as const;

export const ISSUE_2_ENDPOINTS = {
  'POST /api/v1/auth/register': { on: ['challenge'], states: ['none'] },
  'POST /api/v1/auth/login': { on: ['challenge'], states: ['none'] },
  'GET /api/v1/auth/me': { on: ['challenge'], states: ['none'] },
  'POST /api/v1/challenges': { on: ['challenge'], states: ['none'] },
  'GET /api/v1/challenges': { on: ['challenge'], states: ['none'] },
  'GET /api/v1/challenges/:id': { on: ['challenge'], states: CHALLENGE_STATES },
  'PATCH /api/v1/challenges/:id': { on: ['challenge'], states: CHALLENGE_STATES },
  'POST /api/v1/challenges/:id/publish': { on: ['challenge'], states: CHALLENGE_STATES },
  'POST /api/v1/challenges/:id/addenda': { on: ['challenge'], states: CHALLENGE_STATES },
  'POST /api/v1/challenges/:id/cancel': { on: ['challenge'], states: CHALLENGE_STATES },
  'GET /api/v1/challenges/:id/matches': { on: ['challenge'], states: CHALLENGE_STATES },
  'POST /api/v1/challenges/:id/questions': { on: ['challenge'], states: CHALLENGE_STATES },
  'GET /api/v1/challenges/:id/questions': { on: ['challenge'], states: CHALLENGE_STATES },
  'POST /api/v1/challenges/:id/questions/:qid/answer': { on: ['challenge'], states: CHALLENGE_STATES },
  'GET /api/v1/challenges/:id/eligibility': { on: ['challenge'], states: CHALLENGE_STATES },
  'GET /api/v1/challenges/:id/audit': { on: ['challenge'], states: [...CHALLENGE_STATES, 'reviewing'] },
  'GET /api/v1/challenges/:id/audit/verify': { on: ['challenge'], states: CHALLENGE_STATES },
  'GET /api/v1/notifications': { on: ['challenge'], states: ['none'] },
  'POST /api/v1/notifications/:id/read': { on: ['challenge'], states: ['none'] },
  'GET /api/v1/enterprise-profile': { on: ['bidding'], states: ['none'] },
  'PUT /api/v1/enterprise-profile': { on: ['bidding'], states: ['none'] },
  'GET /api/v1/enterprise-profiles/:organizationId': { on: ['bidding'], states: ['none'] },
  'POST /api/v1/admin/enterprises/import': { on: ['bidding'], states: ['none'] },
  'GET /api/v1/recommendations': { on: ['bidding'], states: ['none'] },
  'POST /api/v1/bids': { on: ['bidding'], states: CHALLENGE_STATES },
  'GET /api/v1/bids': { on: ['bidding'], states: ['none', ...CHALLENGE_STATES, 'reviewing'] },
  'GET /api/v1/bids/:id': { on: ['bidding'], states: BID_READ_STATES },
  'GET /api/v1/bids/:id/assessment': { on: ['bidding'], states: BID_READ_STATES },
  'PATCH /api/v1/bids/:id': { on: ['bidding'], states: BID_WRITE_STATES },
  'POST /api/v1/bids/:id/withdraw': { on: ['bidding'], states: BID_WRITE_STATES },
} as const satisfies Record<string, EndpointSpec<Service, Issue2State>>;
export type Issue2Endpoint = keyof typeof ISSUE_2_ENDPOINTS;

// ───────────────────────────── issue 4: reviews, award, objections, feedback (authorization-review.e2e-spec.ts) ─────────────────────────────

/** `none`: the answer does not depend on a challenge's state; the others are the challenge states that change it. */
export type ReviewState = 'none' | 'reviewing' | 'shortlisted' | 'publicity';
const RESULT_STATES = ['reviewing', 'shortlisted', 'publicity'] as const;
const ASSIGNMENT_STATES = ['reviewing', 'shortlisted'] as const;

export const REVIEW_ENDPOINTS = {
  'GET /api/v1/reviews/assignments': { on: ['challenge'], states: ['none', 'reviewing'] },
  'GET /api/v1/reviews/assignments/:id': { on: ['challenge'], states: ASSIGNMENT_STATES },
  'POST /api/v1/reviews/assignments/:id/decline': { on: ['challenge'], states: ASSIGNMENT_STATES },
  'PUT /api/v1/reviews/assignments/:id/review': { on: ['challenge'], states: ASSIGNMENT_STATES },
  'GET /api/v1/reviewers': { on: ['challenge'], states: ['none'] },
  'POST /api/v1/reviewers/:id/approve': { on: ['challenge'], states: ['none'] },
  'POST /api/v1/reviewers/:id/suspend': { on: ['challenge'], states: ['none'] },
  'GET /api/v1/challenges/:id/ranking': { on: ['challenge'], states: RESULT_STATES },
  'GET /api/v1/challenges/:id/reviews': { on: ['challenge'], states: RESULT_STATES },
  'POST /api/v1/challenges/:id/award': { on: ['challenge'], states: RESULT_STATES },
  'GET /api/v1/challenges/:id/result': { on: ['challenge'], states: RESULT_STATES },
  'POST /api/v1/challenges/:id/objections': { on: ['challenge'], states: RESULT_STATES },
  'GET /api/v1/objections': { on: ['challenge'], states: ['none'] },
  'POST /api/v1/objections/:id/resolve': { on: ['challenge'], states: ['publicity'] },
  'GET /api/v1/bids/:id/feedback': { on: ['bidding'], states: RESULT_STATES },
} as const satisfies Record<string, EndpointSpec<Service, ReviewState>>;
export type ReviewEndpoint = keyof typeof REVIEW_ENDPOINTS;

// ───────────────────────────── operations, docs, portal, queue dashboard (authorization-routes.e2e-spec.ts) ─────────────────────────────

export type OperationsState = 'none';
const ALL = ['challenge', 'bidding', 'worker'] as const;
const APIS = ['challenge', 'bidding'] as const;
const none = ['none'] as const;

/** The files of the stand-in portal build the routes matrix serves (@fastify/static registers one route per file). */
export const PORTAL_FILES = { 'index.html': '<!doctype html><html><body><div id="root"></div></body></html>', 'assets/app-matrix.js': 'console.log("portal")' };

export const OPERATIONS_ENDPOINTS = {
  // health and metrics: public on every app
  'GET /health': { on: ALL, states: none },
  'GET /health/ready': { on: ALL, states: none },
  'GET /metrics': { on: ALL, states: none },
  // the CORS preflight (@fastify/cors answers OPTIONS on every path)
  'OPTIONS /*': { on: ALL, states: none },
  // OpenAPI UI, its assets and the documents: public on both API services
  'GET /docs': { on: APIS, states: none },
  'GET /docs/': { on: APIS, states: none },
  'GET /docs/index.html': { on: APIS, states: none },
  'GET /docs/LICENSE': { on: APIS, states: none },
  'GET /docs/swagger-ui-init.js': { on: APIS, states: none },
  'GET /docs/docs/swagger-ui-init.js': { on: APIS, states: none },
  'GET /docs/*': { on: APIS, states: none },
  'GET /docs-json': { on: APIS, states: none },
  'GET /docs-yaml': { on: APIS, states: none },
  // the web portal (challenge-service): its static files, runtime configuration and client-side fallback
  'GET /': { on: ['challenge'], states: none },
  'GET /index.html': { on: ['challenge'], states: none },
  'GET /assets/app-matrix.js': { on: ['challenge'], states: none },
  'GET /portal-config.json': { on: ['challenge'], states: none },
  'GET /*': { on: ['challenge'], states: none },
  // the queue dashboard (bull-board behind HTTP basic auth with an admin's email and password)
  'GET /admin/queues': { on: ['worker'], states: none },
  'GET /admin/queues/': { on: ['worker'], states: none },
  'GET /admin/queues/metrics-history': { on: ['worker'], states: none },
  'GET /admin/queues/job-schedulers': { on: ['worker'], states: none },
  'GET /admin/queues/queue/:queueName': { on: ['worker'], states: none },
  'GET /admin/queues/queue/:queueName/:jobId': { on: ['worker'], states: none },
  'GET /admin/queues/static/*': { on: ['worker'], states: none },
  'GET /admin/queues/api/redis/stats': { on: ['worker'], states: none },
  'GET /admin/queues/api/queues': { on: ['worker'], states: none },
  'GET /admin/queues/api/job-schedulers': { on: ['worker'], states: none },
  'GET /admin/queues/api/queues/:queueName/metrics': { on: ['worker'], states: none },
  'GET /admin/queues/api/queues/:queueName/default-job-options': { on: ['worker'], states: none },
  'GET /admin/queues/api/queues/:queueName/workers': { on: ['worker'], states: none },
  'GET /admin/queues/api/queues/:queueName/rate-limit': { on: ['worker'], states: none },
  'GET /admin/queues/api/queues/:queueName/job-data-schema': { on: ['worker'], states: none },
  'GET /admin/queues/api/queues/:queueName/:jobId': { on: ['worker'], states: none },
  'GET /admin/queues/api/queues/:queueName/:jobId/logs': { on: ['worker'], states: none },
  'GET /admin/queues/api/queues/:queueName/:jobId/flow': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/pause': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/resume': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/rate-limit': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/rate-limit/release': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/retry/:queueStatus': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/resume': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/pause': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/promote': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/clean/:queueStatus': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/concurrency': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/empty': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/obliterate': { on: ['worker'], states: none },
  'PATCH /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/remove': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/run': { on: ['worker'], states: none },
  'POST /admin/queues/api/queues/:queueName/add': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/:jobId/retry': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/:jobId/remove-unprocessed-children': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/:jobId/clean': { on: ['worker'], states: none },
  'PUT /admin/queues/api/queues/:queueName/:jobId/promote': { on: ['worker'], states: none },
  'PATCH /admin/queues/api/queues/:queueName/:jobId/priority': { on: ['worker'], states: none },
  'PATCH /admin/queues/api/queues/:queueName/:jobId/update-data': { on: ['worker'], states: none },
  'PATCH /admin/queues/api/queues/:queueName/:jobId/delay': { on: ['worker'], states: none },
} as const satisfies Record<string, EndpointSpec<Service, OperationsState>>;
export type OperationsEndpoint = keyof typeof OPERATIONS_ENDPOINTS;
export type DashboardEndpoint = Extract<OperationsEndpoint, `${string} /admin/queues${string}`>;

/** Every catalog, by the matrix file that owns it. */
export const CATALOGS = {
  'authorization.e2e-spec.ts': ISSUE_2_ENDPOINTS,
  'authorization-review.e2e-spec.ts': REVIEW_ENDPOINTS,
  'authorization-routes.e2e-spec.ts': OPERATIONS_ENDPOINTS,
} as const;
