import { randomUUID } from 'node:crypto';
import { NotificationsRepository } from '@jiebang/domain';
import { bidBody, challengeBody, createAdmin, registerLead, registerReviewer, registerSme, TestUser, uniqueCreditCode } from '../support/actors';
import { ApiResponse, client, eventually, Json } from '../support/http';
import { expectCompleteMatrix, expectOutcome, isSuccess, matrixRowLabel, Outcome, parseOutcome } from '../support/matrix';
import { startStack, Stack } from '../support/stack';

/**
 * The authorization matrix (QUALITY.md "Security"; API.md "Conventions" → Auth): every endpoint of issue 2 × every
 * role, in every challenge state that changes the answer. ROWS below is the single source: a row must name an
 * outcome for every role (a missing cell does not compile), and the coverage test fails when an endpoint or one of
 * its states has no row.
 *
 * Order independence: a cell that changes state works on a fresh object (fresh draft, fresh published challenge,
 * fresh bid) or is harmless to the others; within a row, cells expected to fail run before cells expected to
 * succeed.
 */

const ROLES = ['anonymous', 'leadOwner', 'leadOther', 'smeBidder', 'smeOther', 'reviewer', 'admin'] as const;
type RoleKey = (typeof ROLES)[number];
type SignedInRole = Exclude<RoleKey, 'anonymous'>;
type Cells = Record<RoleKey, Outcome>;

type Service = 'challenge' | 'bidding' | 'worker';
/** `none`: the answer does not depend on a challenge; the others are the challenge states that change it. */
type State = 'none' | 'draft' | 'published' | 'closed';
const CHALLENGE_STATES = ['draft', 'published', 'closed'] as const;
const BID_STATES = ['published', 'closed'] as const;

/** Every endpoint in scope, where it is served, and the states that need a row. */
const ENDPOINTS = {
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
  'POST /api/v1/challenges/:id/questions': { on: ['challenge'], states: CHALLENGE_STATES },
  'GET /api/v1/challenges/:id/questions': { on: ['challenge'], states: CHALLENGE_STATES },
  'POST /api/v1/challenges/:id/questions/:qid/answer': { on: ['challenge'], states: CHALLENGE_STATES },
  'GET /api/v1/challenges/:id/eligibility': { on: ['challenge'], states: CHALLENGE_STATES },
  'GET /api/v1/challenges/:id/audit': { on: ['challenge'], states: CHALLENGE_STATES },
  'GET /api/v1/challenges/:id/audit/verify': { on: ['challenge'], states: CHALLENGE_STATES },
  'GET /api/v1/notifications': { on: ['challenge'], states: ['none'] },
  'POST /api/v1/notifications/:id/read': { on: ['challenge'], states: ['none'] },
  'GET /api/v1/enterprise-profile': { on: ['bidding'], states: ['none'] },
  'PUT /api/v1/enterprise-profile': { on: ['bidding'], states: ['none'] },
  'GET /api/v1/enterprise-profiles/:organizationId': { on: ['bidding'], states: ['none'] },
  'POST /api/v1/bids': { on: ['bidding'], states: CHALLENGE_STATES },
  'GET /api/v1/bids': { on: ['bidding'], states: ['none', ...CHALLENGE_STATES] },
  'GET /api/v1/bids/:id': { on: ['bidding'], states: BID_STATES },
  'PATCH /api/v1/bids/:id': { on: ['bidding'], states: BID_STATES },
  'POST /api/v1/bids/:id/withdraw': { on: ['bidding'], states: BID_STATES },
  'GET /health': { on: ['challenge', 'bidding', 'worker'], states: ['none'] },
  'GET /health/ready': { on: ['challenge', 'bidding', 'worker'], states: ['none'] },
  'GET /metrics': { on: ['challenge', 'bidding', 'worker'], states: ['none'] },
  'GET /docs-json': { on: ['challenge', 'bidding'], states: ['none'] },
  'GET /admin/queues': { on: ['worker'], states: ['none'] },
} as const satisfies Record<string, { on: readonly Service[]; states: readonly State[] }>;
type Endpoint = keyof typeof ENDPOINTS;

type Api = ReturnType<typeof client>;

interface Caller {
  role: RoleKey;
  user: TestUser | null;
  cs: Api;
  bs: Api;
  at(service: Service): Api;
}

interface World {
  stack: Stack;
  users: Record<SignedInRole, TestUser>;
  /** leadOwner's draft. */
  draft: Json;
  /** Published by leadOwner, deadline an hour away; smeBidder has a live and a withdrawn bid; smeOther asked a question. */
  open: Json;
  /** Same set-up with a short deadline, then closed by the worker. */
  closed: Json;
  /** A second closed challenge, only for the cancel row (the admin cancels it). */
  closedForCancel: Json;
  bids: { openLive: Json; openWithdrawn: Json; closedLive: Json; closedWithdrawn: Json };
  questions: { open: string; closed: string };
  /** One notification of each signed-in user. */
  notifications: Record<SignedInRole, string>;
  freshDraft(): Promise<Json>;
  freshPublished(): Promise<Json>;
  /** A fresh published challenge with a live bid of smeBidder. */
  freshOpenBid(): Promise<Json>;
  bidVersion(bidId: string): Promise<number>;
}

interface Row {
  endpoint: Endpoint;
  /** Defaults to the endpoint's only service. */
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
const U: Outcome = '401 UNAUTHENTICATED';
const F: Outcome = '403 FORBIDDEN';
const N: Outcome = '404 NOT_FOUND';
const SEALED: Outcome = '403 BIDS_SEALED';
const STATE: Outcome = '409 INVALID_STATE';
const CLOSED: Outcome = '422 BIDDING_CLOSED';
const V: Outcome = '400 VALIDATION_FAILED';

const everyone = (outcome: Outcome): Cells => ({
  anonymous: outcome,
  leadOwner: outcome,
  leadOther: outcome,
  smeBidder: outcome,
  smeOther: outcome,
  reviewer: outcome,
  admin: outcome,
});

const ids = (response: ApiResponse<Json>): string[] => response.body.items.map((item: Json) => item.id);

const ROWS: Row[] = [
  // ───────────────────────────── identity ─────────────────────────────
  {
    endpoint: 'POST /api/v1/auth/register',
    state: 'none',
    target: 'a new SME (public; a token does not matter)',
    expect: everyone(201),
    call: (as) =>
      as.cs.post('/api/v1/auth/register', {
        email: `matrix-${randomUUID()}@example.com`,
        password: 'matrix-password-1',
        name: '新用户',
        role: 'sme',
        organization: { name: `矩阵科技${randomUUID().slice(0, 8)}`, creditCode: uniqueCreditCode('350102'), region: '350102', size: 'small' },
      }),
    check: (r) => expect(r.body.user.role).toBe('sme'),
  },
  {
    endpoint: 'POST /api/v1/auth/login',
    state: 'none',
    target: "smeOther's credentials (public)",
    expect: everyone(200),
    call: (as, w) => as.cs.post('/api/v1/auth/login', { email: w.users.smeOther.email, password: w.users.smeOther.password }),
    check: (r, _as, w) => expect(r.body.user.id).toBe(w.users.smeOther.id),
  },
  {
    endpoint: 'GET /api/v1/auth/me',
    state: 'none',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewer: 200, admin: 200 },
    call: (as) => as.cs.get('/api/v1/auth/me'),
    check: (r, as) => expect(r.body.user).toMatchObject({ id: as.user!.id, role: as.user!.role }),
  },

  // ───────────────────────────── challenges ─────────────────────────────
  {
    endpoint: 'POST /api/v1/challenges',
    state: 'none',
    expect: { anonymous: U, leadOwner: 201, leadOther: 201, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as) => as.cs.post('/api/v1/challenges', challengeBody(3_600_000)),
    check: (r, as) => expect(r.body).toMatchObject({ status: 'draft', organizationId: as.user!.organizationId }),
  },
  {
    endpoint: 'GET /api/v1/challenges',
    state: 'none',
    target: 'public list',
    expect: everyone(200),
    call: (as) => as.cs.get('/api/v1/challenges?limit=100'),
    check: (r, _as, w) => {
      expect(ids(r)).toContain(w.open.id);
      expect(ids(r)).not.toContain(w.draft.id);
    },
  },
  {
    endpoint: 'GET /api/v1/challenges',
    state: 'none',
    target: 'mine=true',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as) => as.cs.get('/api/v1/challenges?mine=true&limit=100'),
    check: (r, as, w) => {
      if (as.role === 'leadOwner') expect(ids(r)).toEqual(expect.arrayContaining([w.draft.id, w.open.id]));
      else expect(ids(r)).not.toContain(w.draft.id);
    },
  },

  // GET /challenges/:id
  {
    endpoint: 'GET /api/v1/challenges/:id',
    state: 'draft',
    expect: { anonymous: N, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewer: N, admin: N },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.draft.id}`),
    check: (r) => expect(r.body.status).toBe('draft'),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id',
    state: 'published',
    expect: everyone(200),
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.open.id}`),
    check: (r) => expect(r.body).toMatchObject({ status: 'published', bidCount: null }),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id',
    state: 'closed',
    expect: everyone(200),
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.closed.id}`),
    check: (r) => expect(r.body).toMatchObject({ status: 'closed', bidCount: 1 }),
  },

  // PATCH /challenges/:id
  {
    endpoint: 'PATCH /api/v1/challenges/:id',
    state: 'draft',
    target: 'a fresh draft per cell',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: async (as, w) => {
      const draft = await w.freshDraft();
      return as.cs.patch(`/api/v1/challenges/${draft.id}`, { version: draft.version, title: '改过的标题' });
    },
    check: (r) => expect(r.body).toMatchObject({ title: '改过的标题', version: 2 }),
  },
  {
    endpoint: 'PATCH /api/v1/challenges/:id',
    state: 'published',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as, w) => as.cs.patch(`/api/v1/challenges/${w.open.id}`, { version: w.open.version, title: 'x' }),
  },
  {
    endpoint: 'PATCH /api/v1/challenges/:id',
    state: 'closed',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as, w) => as.cs.patch(`/api/v1/challenges/${w.closed.id}`, { version: w.closed.version, title: 'x' }),
  },

  // POST /challenges/:id/publish
  {
    endpoint: 'POST /api/v1/challenges/:id/publish',
    state: 'draft',
    target: 'a fresh draft per cell',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: async (as, w) => as.cs.post(`/api/v1/challenges/${(await w.freshDraft()).id}/publish`),
    check: (r) => expect(r.body.status).toBe('published'),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/publish',
    state: 'published',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.open.id}/publish`),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/publish',
    state: 'closed',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.closed.id}/publish`),
  },

  // POST /challenges/:id/addenda
  {
    endpoint: 'POST /api/v1/challenges/:id/addenda',
    state: 'draft',
    expect: { anonymous: U, leadOwner: STATE, leadOther: N, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.draft.id}/addenda`, { text: '补充说明' }),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/addenda',
    state: 'published',
    target: 'text only (deadline unchanged)',
    expect: { anonymous: U, leadOwner: 201, leadOther: F, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.open.id}/addenda`, { text: '补充说明:接受联合体投标。' }),
    check: (r) => expect(r.body.addenda.map((a: Json) => a.text)).toContain('补充说明:接受联合体投标。'),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/addenda',
    state: 'closed',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.closed.id}/addenda`, { text: '补充说明' }),
  },

  // POST /challenges/:id/cancel
  {
    endpoint: 'POST /api/v1/challenges/:id/cancel',
    state: 'draft',
    target: 'a fresh draft per cell (a draft is invisible to admins)',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: F, smeOther: F, reviewer: F, admin: N },
    call: async (as, w) => as.cs.post(`/api/v1/challenges/${(await w.freshDraft()).id}/cancel`, { reason: '需求变更' }),
    check: (r) => expect(r.body.status).toBe('cancelled'),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/cancel',
    state: 'published',
    target: 'a fresh published challenge per cell',
    expect: { anonymous: U, leadOwner: 200, leadOther: F, smeBidder: F, smeOther: F, reviewer: F, admin: 200 },
    call: async (as, w) => as.cs.post(`/api/v1/challenges/${(await w.freshPublished()).id}/cancel`, { reason: '需求变更' }),
    check: (r) => expect(r.body.status).toBe('cancelled'),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/cancel',
    state: 'closed',
    target: 'a closed challenge of its own (the admin cancels it last)',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewer: F, admin: 200 },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.closedForCancel.id}/cancel`, { reason: '违规' }),
    check: (r) => expect(r.body.status).toBe('cancelled'),
  },

  // POST /challenges/:id/questions
  {
    endpoint: 'POST /api/v1/challenges/:id/questions',
    state: 'draft',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: N, smeOther: N, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.draft.id}/questions`, { text: '问题?' }),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/questions',
    state: 'published',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 201, smeOther: 201, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.open.id}/questions`, { text: '是否接受样机租赁?' }),
    check: (r) => expect(r.body.mine).toBe(true),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/questions',
    state: 'closed',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: STATE, smeOther: STATE, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.closed.id}/questions`, { text: '问题?' }),
  },

  // GET /challenges/:id/questions
  {
    endpoint: 'GET /api/v1/challenges/:id/questions',
    state: 'draft',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewer: N, admin: N },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.draft.id}/questions`),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/questions',
    state: 'published',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewer: 200, admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.open.id}/questions`),
    check: (r, _as, w) => {
      expect(JSON.stringify(r.body)).not.toContain(w.users.smeOther.id);
      expect(JSON.stringify(r.body)).not.toContain(w.users.smeOther.organizationId);
    },
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/questions',
    state: 'closed',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewer: 200, admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.closed.id}/questions`),
    check: (r, as, w) => {
      if (as.role === 'leadOwner' || as.role === 'smeOther') expect(ids(r)).toContain(w.questions.closed);
      expect(JSON.stringify(r.body)).not.toContain(w.users.smeOther.id);
    },
  },

  // POST /challenges/:id/questions/:qid/answer
  {
    endpoint: 'POST /api/v1/challenges/:id/questions/:qid/answer',
    state: 'draft',
    target: 'an unknown question id',
    expect: { anonymous: U, leadOwner: N, leadOther: N, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.draft.id}/questions/${randomUUID()}/answer`, { text: '答复' }),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/questions/:qid/answer',
    state: 'published',
    expect: { anonymous: U, leadOwner: 200, leadOther: F, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.open.id}/questions/${w.questions.open}/answer`, { text: '接受。' }),
    check: (r) => expect(r.body.answer).toBe('接受。'),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/questions/:qid/answer',
    state: 'closed',
    expect: { anonymous: U, leadOwner: 200, leadOther: F, smeBidder: F, smeOther: F, reviewer: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.closed.id}/questions/${w.questions.closed}/answer`, { text: '已截止,仍答复。' }),
  },

  // GET /challenges/:id/eligibility
  {
    endpoint: 'GET /api/v1/challenges/:id/eligibility',
    state: 'draft',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: N, smeOther: N, reviewer: F, admin: F },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.draft.id}/eligibility`),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/eligibility',
    state: 'published',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: 200, reviewer: F, admin: F },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.open.id}/eligibility`),
    check: (r) => expect(r.body).toEqual({ eligible: true, reasons: [] }),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/eligibility',
    state: 'closed',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: 200, reviewer: F, admin: F },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.closed.id}/eligibility`),
  },

  // GET /challenges/:id/audit
  {
    endpoint: 'GET /api/v1/challenges/:id/audit',
    state: 'draft',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewer: N, admin: N },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.draft.id}/audit`),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/audit',
    state: 'published',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewer: N, admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.open.id}/audit`),
    check: (r, _as, w) => {
      const bidEvents = r.body.items.filter((e: Json) => e.action.startsWith('bid.'));
      expect(bidEvents.length).toBeGreaterThanOrEqual(3);
      for (const e of bidEvents) expect(e).toMatchObject({ actorId: null, data: null });
      expect(JSON.stringify(r.body)).not.toContain(w.users.smeBidder.id);
    },
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/audit',
    state: 'closed',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewer: N, admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.closed.id}/audit`),
    check: (r, _as, w) => {
      const submitted = r.body.items.find((e: Json) => e.action === 'bid.submitted');
      expect(submitted.actorId).toBe(w.users.smeBidder.id);
    },
  },

  // GET /challenges/:id/audit/verify
  {
    endpoint: 'GET /api/v1/challenges/:id/audit/verify',
    state: 'draft',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewer: N, admin: N },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.draft.id}/audit/verify`),
    check: (r) => expect(r.body).toMatchObject({ valid: true, brokenAt: null }),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/audit/verify',
    state: 'published',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewer: 200, admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.open.id}/audit/verify`),
    check: (r) => expect(r.body).toMatchObject({ valid: true, brokenAt: null }),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/audit/verify',
    state: 'closed',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewer: 200, admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.closed.id}/audit/verify`),
    check: (r) => expect(r.body).toMatchObject({ valid: true, brokenAt: null }),
  },

  // ───────────────────────────── notifications ─────────────────────────────
  {
    endpoint: 'GET /api/v1/notifications',
    state: 'none',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewer: 200, admin: 200 },
    call: (as) => as.cs.get('/api/v1/notifications?limit=100'),
    check: (r, as, w) => {
      const own = w.notifications[as.role as SignedInRole];
      expect(ids(r)).toContain(own);
      const others = Object.values(w.notifications).filter((id) => id !== own);
      for (const id of others) expect(ids(r)).not.toContain(id);
    },
  },
  ...(['leadOwner', 'leadOther', 'smeBidder', 'smeOther', 'reviewer', 'admin'] as const).map(
    (owner): Row => ({
      endpoint: 'POST /api/v1/notifications/:id/read',
      state: 'none',
      target: `${owner}'s notification`,
      expect: { ...everyone(N), anonymous: U, [owner]: 200 },
      call: (as, w) => as.cs.post(`/api/v1/notifications/${w.notifications[owner]}/read`),
      check: (r) => expect(r.body.readAt).toEqual(expect.any(String)),
    }),
  ),
  {
    endpoint: 'POST /api/v1/notifications/:id/read',
    state: 'none',
    target: 'an unknown id',
    expect: { ...everyone(N), anonymous: U },
    call: (as) => as.cs.post(`/api/v1/notifications/${randomUUID()}/read`),
  },

  // ───────────────────────────── enterprise profiles ─────────────────────────────
  {
    endpoint: 'GET /api/v1/enterprise-profile',
    state: 'none',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: 200, reviewer: F, admin: F },
    call: (as) => as.bs.get('/api/v1/enterprise-profile'),
    check: (r, as) => expect(r.body.organizationId).toBe(as.user!.organizationId),
  },
  {
    endpoint: 'PUT /api/v1/enterprise-profile',
    state: 'none',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: 200, reviewer: F, admin: F },
    call: (as) => as.bs.put('/api/v1/enterprise-profile', { capabilities: ['伺服驱动'] }),
    check: (r, as) => expect(r.body).toMatchObject({ organizationId: as.user!.organizationId, capabilities: ['伺服驱动'] }),
  },
  {
    endpoint: 'GET /api/v1/enterprise-profiles/:organizationId',
    state: 'none',
    target: "smeBidder's organization",
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewer: 200, admin: 200 },
    call: (as, w) => as.bs.get(`/api/v1/enterprise-profiles/${w.users.smeBidder.organizationId}`),
    check: (r, _as, w) => expect(r.body.organizationId).toBe(w.users.smeBidder.organizationId),
  },
  {
    endpoint: 'GET /api/v1/enterprise-profiles/:organizationId',
    state: 'none',
    target: "a lead's organization (not an enterprise profile)",
    expect: { ...everyone(N), anonymous: U },
    call: (as, w) => as.bs.get(`/api/v1/enterprise-profiles/${w.users.leadOwner.organizationId}`),
  },

  // ───────────────────────────── bids ─────────────────────────────
  {
    endpoint: 'POST /api/v1/bids',
    state: 'draft',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: N, smeOther: N, reviewer: F, admin: F },
    call: (as, w) => as.bs.post('/api/v1/bids', bidBody(w.draft)),
  },
  {
    endpoint: 'POST /api/v1/bids',
    state: 'published',
    target: 'smeBidder already has a live bid',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: '409 BID_EXISTS', smeOther: 201, reviewer: F, admin: F },
    call: (as, w) => as.bs.post('/api/v1/bids', bidBody(w.open)),
    check: (r, as) => expect(r.body).toMatchObject({ status: 'submitted', organizationId: as.user!.organizationId }),
  },
  {
    endpoint: 'POST /api/v1/bids',
    state: 'closed',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: CLOSED, smeOther: CLOSED, reviewer: F, admin: F },
    call: (as, w) => as.bs.post('/api/v1/bids', bidBody(w.closed)),
  },

  {
    endpoint: 'GET /api/v1/bids',
    state: 'none',
    target: 'without challengeId',
    expect: { anonymous: U, leadOwner: V, leadOther: V, smeBidder: 200, smeOther: 200, reviewer: F, admin: V },
    call: (as) => as.bs.get('/api/v1/bids'),
    check: (r, as, w) => {
      if (as.role === 'smeBidder') expect(ids(r)).toEqual(expect.arrayContaining([w.bids.openLive.id, w.bids.closedWithdrawn.id]));
      else expect(ids(r)).not.toContain(w.bids.openLive.id);
    },
  },
  {
    endpoint: 'GET /api/v1/bids',
    state: 'draft',
    target: '?challengeId=<draft>',
    expect: { anonymous: U, leadOwner: SEALED, leadOther: N, smeBidder: 200, smeOther: 200, reviewer: F, admin: N },
    call: (as, w) => as.bs.get(`/api/v1/bids?challengeId=${w.draft.id}`),
    check: (r) => expect(r.body.items).toEqual([]),
  },
  {
    endpoint: 'GET /api/v1/bids',
    state: 'published',
    target: '?challengeId=<open>',
    expect: { anonymous: U, leadOwner: SEALED, leadOther: N, smeBidder: 200, smeOther: 200, reviewer: F, admin: SEALED },
    call: (as, w) => as.bs.get(`/api/v1/bids?challengeId=${w.open.id}`),
    check: (r, as, w) => {
      if (as.role === 'smeBidder') expect(ids(r).sort()).toEqual([w.bids.openLive.id, w.bids.openWithdrawn.id].sort());
      else expect(ids(r)).not.toContain(w.bids.openLive.id);
    },
  },
  {
    endpoint: 'GET /api/v1/bids',
    state: 'closed',
    target: '?challengeId=<closed>',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: 200, smeOther: 200, reviewer: F, admin: 200 },
    call: (as, w) => as.bs.get(`/api/v1/bids?challengeId=${w.closed.id}`),
    check: (r, as, w) => {
      if (as.role === 'leadOwner' || as.role === 'admin') expect(ids(r)).toEqual([w.bids.closedLive.id]);
      else if (as.role === 'smeBidder') expect(ids(r).sort()).toEqual([w.bids.closedLive.id, w.bids.closedWithdrawn.id].sort());
      else expect(ids(r)).toEqual([]);
    },
  },

  {
    endpoint: 'GET /api/v1/bids/:id',
    state: 'published',
    target: 'a live bid (sealed)',
    expect: { anonymous: U, leadOwner: SEALED, leadOther: N, smeBidder: 200, smeOther: N, reviewer: N, admin: SEALED },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.bids.openLive.id}`),
    check: (r, _as, w) => expect(r.body.id).toBe(w.bids.openLive.id),
  },
  {
    endpoint: 'GET /api/v1/bids/:id',
    state: 'published',
    target: 'a withdrawn bid',
    expect: { anonymous: U, leadOwner: N, leadOther: N, smeBidder: 200, smeOther: N, reviewer: N, admin: N },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.bids.openWithdrawn.id}`),
    check: (r) => expect(r.body.status).toBe('withdrawn'),
  },
  {
    endpoint: 'GET /api/v1/bids/:id',
    state: 'closed',
    target: 'a live bid (opened)',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: 200, smeOther: N, reviewer: N, admin: 200 },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.bids.closedLive.id}`),
    check: (r, _as, w) => expect(r.body).toMatchObject({ id: w.bids.closedLive.id, priceYuan: w.bids.closedLive.priceYuan }),
  },
  {
    endpoint: 'GET /api/v1/bids/:id',
    state: 'closed',
    target: 'a withdrawn bid',
    expect: { anonymous: U, leadOwner: N, leadOther: N, smeBidder: 200, smeOther: N, reviewer: N, admin: N },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.bids.closedWithdrawn.id}`),
    check: (r) => expect(r.body.status).toBe('withdrawn'),
  },

  {
    endpoint: 'PATCH /api/v1/bids/:id',
    state: 'published',
    target: 'a live bid at its current version',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: N, reviewer: F, admin: F },
    call: async (as, w) => {
      const version = await w.bidVersion(w.bids.openLive.id);
      return as.bs.patch(`/api/v1/bids/${w.bids.openLive.id}`, { version, priceYuan: 1_500_000 });
    },
    check: (r) => expect(r.body.priceYuan).toBe(1_500_000),
  },
  {
    endpoint: 'PATCH /api/v1/bids/:id',
    state: 'published',
    target: 'a withdrawn bid',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: STATE, smeOther: N, reviewer: F, admin: F },
    call: async (as, w) => {
      const version = await w.bidVersion(w.bids.openWithdrawn.id);
      return as.bs.patch(`/api/v1/bids/${w.bids.openWithdrawn.id}`, { version, priceYuan: 1_500_000 });
    },
  },
  {
    endpoint: 'PATCH /api/v1/bids/:id',
    state: 'closed',
    target: 'a live bid at its current version',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: CLOSED, smeOther: N, reviewer: F, admin: F },
    call: async (as, w) => {
      const version = await w.bidVersion(w.bids.closedLive.id);
      return as.bs.patch(`/api/v1/bids/${w.bids.closedLive.id}`, { version, priceYuan: 1 });
    },
  },

  {
    endpoint: 'POST /api/v1/bids/:id/withdraw',
    state: 'published',
    target: 'a fresh live bid per cell',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: N, reviewer: F, admin: F },
    call: async (as, w) => as.bs.post(`/api/v1/bids/${(await w.freshOpenBid()).id}/withdraw`),
    check: (r) => expect(r.body.status).toBe('withdrawn'),
  },
  {
    endpoint: 'POST /api/v1/bids/:id/withdraw',
    state: 'published',
    target: 'an already withdrawn bid',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: STATE, smeOther: N, reviewer: F, admin: F },
    call: (as, w) => as.bs.post(`/api/v1/bids/${w.bids.openWithdrawn.id}/withdraw`),
  },
  {
    endpoint: 'POST /api/v1/bids/:id/withdraw',
    state: 'closed',
    target: 'a live bid',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: CLOSED, smeOther: N, reviewer: F, admin: F },
    call: (as, w) => as.bs.post(`/api/v1/bids/${w.bids.closedLive.id}/withdraw`),
  },

  // ───────────────────────────── operations (public) ─────────────────────────────
  ...(['challenge', 'bidding', 'worker'] as const).flatMap((on): Row[] => [
    { endpoint: 'GET /health', on, state: 'none', expect: everyone(200), call: (as) => as.at(on).get('/health'), check: (r) => expect(r.body.status).toBe('ok') },
    { endpoint: 'GET /health/ready', on, state: 'none', expect: everyone(200), call: (as) => as.at(on).get('/health/ready') },
    {
      endpoint: 'GET /metrics',
      on,
      state: 'none',
      expect: everyone(200),
      call: (as) => as.at(on).get('/metrics'),
      check: (r) => expect(String(r.body)).toContain('# TYPE'),
    },
  ]),
  ...(['challenge', 'bidding'] as const).map(
    (on): Row => ({
      endpoint: 'GET /docs-json',
      on,
      state: 'none',
      expect: everyone(200),
      call: (as) => as.at(on).get('/docs-json'),
      check: (r) => expect(r.body.openapi).toEqual(expect.any(String)),
    }),
  ),
  {
    endpoint: 'GET /admin/queues',
    on: 'worker',
    state: 'none',
    target: 'HTTP basic auth with the caller’s own email and password',
    expect: { anonymous: U, leadOwner: U, leadOther: U, smeBidder: U, smeOther: U, reviewer: U, admin: 200 },
    call: (as) => {
      const headers: Record<string, string> = {};
      if (as.user) headers.authorization = `Basic ${Buffer.from(`${as.user.email}:${as.user.password}`).toString('base64')}`;
      return as.at('worker').get('/admin/queues', { token: undefined, headers });
    },
  },
  {
    endpoint: 'GET /admin/queues',
    on: 'worker',
    state: 'none',
    target: 'the caller’s bearer token',
    expect: everyone(U),
    call: (as) => as.at('worker').get('/admin/queues'),
  },
];

const STATE_ORDER: State[] = ['none', 'draft', 'published', 'closed'];
const CLOSE_MS = 7_000;

const rowLabel = (row: Row): string => matrixRowLabel(row, ENDPOINTS);

describe('authorization matrix (large)', () => {
  let stack: Stack;
  const w = {} as World;
  const callers = {} as Record<RoleKey, Caller>;

  it('the table names an outcome for every role and covers every endpoint in every state', () => {
    expectCompleteMatrix(ROWS, ENDPOINTS, ROLES);
  });

  beforeAll(async () => {
    stack = await startStack();
    w.stack = stack;
    const [leadOwner, leadOther, smeBidder, smeOther, reviewer, admin] = await Promise.all([
      registerLead(stack),
      registerLead(stack),
      registerSme(stack, { region: '350102' }),
      registerSme(stack, { region: '350203' }),
      registerReviewer(stack),
      createAdmin(stack),
    ]);
    w.users = { leadOwner, leadOther, smeBidder, smeOther, reviewer, admin };
    for (const role of ROLES) {
      const user = role === 'anonymous' ? null : w.users[role];
      const token = user?.token;
      callers[role] = {
        role,
        user,
        cs: client(stack.challengeUrl, token),
        bs: client(stack.biddingUrl, token),
        at: (service) => {
          if (service === 'worker') {
            if (!stack.workerUrl) throw new Error('worker not running');
            return client(stack.workerUrl, token);
          }
          return client(service === 'challenge' ? stack.challengeUrl : stack.biddingUrl, token);
        },
      };
    }
    const owner = callers.leadOwner;
    const bidder = callers.smeBidder;
    const ok = <T extends ApiResponse<Json>>(r: T, status: number, what: string): T => {
      if (r.status !== status) throw new Error(`set-up: ${what} answered ${r.status} ${JSON.stringify(r.body)}`);
      return r;
    };
    const createPublished = async (deadlineMs: number): Promise<Json> => {
      const created = ok(await owner.cs.post('/api/v1/challenges', challengeBody(deadlineMs)), 201, 'create');
      return ok(await owner.cs.post(`/api/v1/challenges/${created.body.id}/publish`), 200, 'publish').body;
    };
    /** smeBidder: a bid, withdrawn, and a live second bid; smeOther: a question. */
    const populate = async (challenge: Json) => {
      const first = ok(await bidder.bs.post('/api/v1/bids', bidBody(challenge, { priceYuan: 1_900_000 })), 201, 'bid');
      const withdrawn = ok(await bidder.bs.post(`/api/v1/bids/${first.body.id}/withdraw`), 200, 'withdraw').body;
      const live = ok(await bidder.bs.post('/api/v1/bids', bidBody(challenge, { priceYuan: 1_700_000 })), 201, 'bid again').body;
      const question = ok(await callers.smeOther.cs.post(`/api/v1/challenges/${challenge.id}/questions`, { text: '是否接受分期交付?' }), 201, 'ask');
      return { withdrawn, live, question: question.body.id as string };
    };

    // The short-deadline challenges first, so their clock runs while the rest is set up and tested.
    const [closed, closedForCancel] = await Promise.all([createPublished(CLOSE_MS), createPublished(CLOSE_MS)]);
    const [closedSetup] = await Promise.all([
      populate(closed),
      bidder.bs.post('/api/v1/bids', bidBody(closedForCancel)).then((r) => ok(r, 201, 'bid on closedForCancel')),
    ]);
    w.closed = closed;
    w.closedForCancel = closedForCancel;

    w.open = await createPublished(3_600_000);
    const openSetup = await populate(w.open);
    w.draft = ok(await owner.cs.post('/api/v1/challenges', challengeBody(3_600_000)), 201, 'draft').body;
    w.bids = { openLive: openSetup.live, openWithdrawn: openSetup.withdrawn, closedLive: closedSetup.live, closedWithdrawn: closedSetup.withdrawn };
    w.questions = { open: openSetup.question, closed: closedSetup.question };

    // One notification per user (no HTTP route gives reviewers and admins one in this issue's scope).
    const notifications = stack.challengeApp.get(NotificationsRepository);
    w.notifications = {} as Record<SignedInRole, string>;
    for (const role of Object.keys(w.users) as SignedInRole[]) {
      const marker = `matrix notification for ${role}`;
      await notifications.notify([w.users[role].id], { type: 'challenge.addendum', challengeId: w.open.id, message: marker, dedupeKey: `matrix:${role}` }, new Date());
      const list = ok(await callers[role].cs.get('/api/v1/notifications?limit=100'), 200, 'notifications');
      w.notifications[role] = list.body.items.find((n: Json) => n.message === marker).id;
    }

    w.freshDraft = async () => ok(await owner.cs.post('/api/v1/challenges', challengeBody(3_600_000)), 201, 'fresh draft').body;
    w.freshPublished = () => createPublished(3_600_000);
    w.freshOpenBid = async () => ok(await bidder.bs.post('/api/v1/bids', bidBody(await w.freshPublished())), 201, 'fresh bid').body;
    w.bidVersion = async (bidId) => ok(await bidder.bs.get(`/api/v1/bids/${bidId}`), 200, 'read own bid').body.version;
  });
  afterAll(() => stack?.close());

  for (const state of STATE_ORDER) {
    describe(state === 'none' ? 'independent of a challenge' : `challenge ${state}`, () => {
      if (state === 'closed') {
        beforeAll(async () => {
          for (const challenge of [w.closed, w.closedForCancel]) {
            await eventually(async () => {
              const read = await callers.leadOwner.cs.get(`/api/v1/challenges/${challenge.id}`);
              return read.body.status === 'published' ? undefined : read.body.status;
            }, CLOSE_MS + 20_000);
          }
          w.closed = (await callers.leadOwner.cs.get(`/api/v1/challenges/${w.closed.id}`)).body;
          expect(w.closed.status).toBe('closed');
        }, CLOSE_MS + 30_000);
      }

      for (const row of ROWS.filter((r) => r.state === state)) {
        describe(rowLabel(row), () => {
          // Cells expected to fail first, so a successful change cannot alter the others' answers.
          const order = [...ROLES].sort((a, b) => Number(isSuccess(row.expect[a])) - Number(isSuccess(row.expect[b])));
          for (const role of order) {
            const outcome = row.expect[role];
            it(`${role} → ${outcome}`, async () => {
              const response = await row.call(callers[role], w);
              expectOutcome(response, outcome);
              if (row.check && parseOutcome(outcome).status < 300) row.check(response, callers[role], w);
            });
          }
        });
      }
    });
  }
});
