import { randomUUID } from 'node:crypto';
import { NotificationsRepository } from '@jiebang/domain';
import { bidBody, challengeBody, createAdmin, registerLead, registerReviewer, registerSme, TestUser, uniqueCreditCode } from '../support/actors';
import { Issue2Endpoint, Issue2State, ISSUE_2_ENDPOINTS } from '../support/authorization-endpoints';
import { ApiResponse, eventually, Json } from '../support/http';
import { waitForStatus } from '../support/lifecycle';
import {
  Caller,
  callersOf,
  CLOSED,
  describeRows,
  everyone,
  expectCompleteMatrix,
  F,
  N,
  only,
  reviewers,
  Role,
  Row as MatrixRowOf,
  SEALED,
  setupStep,
  SignedInRole,
  STATE,
  U,
  V,
} from '../support/matrix';
import { startStack, Stack } from '../support/stack';

/**
 * The authorization matrix of issue 2 (QUALITY.md "Security"; API.md "Conventions" → Auth): identity,
 * challenges, questions, audit, notifications, enterprise profiles and bids × every role, in every challenge state
 * that changes the answer. ROWS below is the single source: a row must name an outcome for every role (a missing
 * cell does not compile), the coverage test fails when an endpoint of ISSUE_2_ENDPOINTS or one of its states has
 * no row, and `authorization-routes.e2e-spec.ts` fails when an app registers a route no catalog lists.
 *
 * The reviewers: drafts, published and closed challenges have no assignments (reviewers are assigned when a
 * closed challenge moves to reviewing), so on those objects "assigned" can only mean assigned elsewhere:
 * `reviewerAssigned` reviews smeBidder's bid on another of leadOwner's challenges (`underReview`, the `reviewing`
 * rows), `reviewerOther` is approved and assigned to nothing. On the `reviewing` rows the target is that very
 * bid: blind review holds on bidding-service too (the assigned reviewer never reads the bid, its list or its
 * assessment there, nor the audit log that names the bidder). The closed challenges want three reviewers per bid
 * and only two are approved, so they stay `closed`.
 *
 * Order independence: a cell that changes state works on a fresh object (fresh draft, fresh published challenge,
 * fresh bid) or is harmless to the others; within a row, cells expected to fail run before cells expected to
 * succeed.
 */

type Row = MatrixRowOf<World, Issue2Endpoint, Issue2State>;

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
  /** leadOwner's challenge (one reviewer per bid, blind) in review: reviewerAssigned reviews smeBidder's `bid`. */
  underReview: { challenge: Json; bid: Json };
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
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewerAssigned: 200, reviewerOther: 200, admin: 200 },
    call: (as) => as.cs.get('/api/v1/auth/me'),
    check: (r, as) => expect(r.body.user).toMatchObject({ id: as.user!.id, role: as.user!.role }),
  },

  // ───────────────────────────── challenges ─────────────────────────────
  {
    endpoint: 'POST /api/v1/challenges',
    state: 'none',
    expect: { anonymous: U, leadOwner: 201, leadOther: 201, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
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
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
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
    expect: { anonymous: N, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewerAssigned: N, reviewerOther: N, admin: N },
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
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: async (as, w) => {
      const draft = await w.freshDraft();
      return as.cs.patch(`/api/v1/challenges/${draft.id}`, { version: draft.version, title: '改过的标题' });
    },
    check: (r) => expect(r.body).toMatchObject({ title: '改过的标题', version: 2 }),
  },
  {
    endpoint: 'PATCH /api/v1/challenges/:id',
    state: 'published',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.patch(`/api/v1/challenges/${w.open.id}`, { version: w.open.version, title: 'x' }),
  },
  {
    endpoint: 'PATCH /api/v1/challenges/:id',
    state: 'closed',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.patch(`/api/v1/challenges/${w.closed.id}`, { version: w.closed.version, title: 'x' }),
  },

  // POST /challenges/:id/publish
  {
    endpoint: 'POST /api/v1/challenges/:id/publish',
    state: 'draft',
    target: 'a fresh draft per cell',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: async (as, w) => as.cs.post(`/api/v1/challenges/${(await w.freshDraft()).id}/publish`),
    check: (r) => expect(r.body.status).toBe('published'),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/publish',
    state: 'published',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.open.id}/publish`),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/publish',
    state: 'closed',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.closed.id}/publish`),
  },

  // POST /challenges/:id/addenda
  {
    endpoint: 'POST /api/v1/challenges/:id/addenda',
    state: 'draft',
    expect: { anonymous: U, leadOwner: STATE, leadOther: N, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.draft.id}/addenda`, { text: '补充说明' }),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/addenda',
    state: 'published',
    target: 'text only (deadline unchanged)',
    expect: { anonymous: U, leadOwner: 201, leadOther: F, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.open.id}/addenda`, { text: '补充说明:接受联合体投标。' }),
    check: (r) => expect(r.body.addenda.map((a: Json) => a.text)).toContain('补充说明:接受联合体投标。'),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/addenda',
    state: 'closed',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.closed.id}/addenda`, { text: '补充说明' }),
  },

  // POST /challenges/:id/cancel
  {
    endpoint: 'POST /api/v1/challenges/:id/cancel',
    state: 'draft',
    target: 'a fresh draft per cell (a draft is invisible to admins)',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: N },
    call: async (as, w) => as.cs.post(`/api/v1/challenges/${(await w.freshDraft()).id}/cancel`, { reason: '需求变更' }),
    check: (r) => expect(r.body.status).toBe('cancelled'),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/cancel',
    state: 'published',
    target: 'a fresh published challenge per cell',
    expect: { anonymous: U, leadOwner: 200, leadOther: F, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: 200 },
    call: async (as, w) => as.cs.post(`/api/v1/challenges/${(await w.freshPublished()).id}/cancel`, { reason: '需求变更' }),
    check: (r) => expect(r.body.status).toBe('cancelled'),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/cancel',
    state: 'closed',
    target: 'a closed challenge of its own (the admin cancels it last)',
    expect: { anonymous: U, leadOwner: STATE, leadOther: F, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: 200 },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.closedForCancel.id}/cancel`, { reason: '违规' }),
    check: (r) => expect(r.body.status).toBe('cancelled'),
  },

  // GET /challenges/:id/matches (owner, admin)
  {
    endpoint: 'GET /api/v1/challenges/:id/matches',
    state: 'draft',
    target: 'a draft is invisible to admins',
    expect: only({ leadOwner: 200, leadOther: N, admin: N }),
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.draft.id}/matches`),
    check: (r) => expect(r.body.items).toEqual(expect.any(Array)),
  },
  ...(['published', 'closed'] as const).map(
    (state): Row => ({
      endpoint: 'GET /api/v1/challenges/:id/matches',
      state,
      expect: only({ leadOwner: 200, leadOther: N, admin: 200 }),
      call: (as, w) => as.cs.get(`/api/v1/challenges/${(state === 'published' ? w.open : w.closed).id}/matches`),
      check: (r) => expect(r.body.items).toEqual(expect.any(Array)),
    }),
  ),

  // POST /challenges/:id/questions
  {
    endpoint: 'POST /api/v1/challenges/:id/questions',
    state: 'draft',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: N, smeOther: N, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.draft.id}/questions`, { text: '问题?' }),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/questions',
    state: 'published',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 201, smeOther: 201, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.open.id}/questions`, { text: '是否接受样机租赁?' }),
    check: (r) => expect(r.body.mine).toBe(true),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/questions',
    state: 'closed',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: STATE, smeOther: STATE, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.closed.id}/questions`, { text: '问题?' }),
  },

  // GET /challenges/:id/questions
  {
    endpoint: 'GET /api/v1/challenges/:id/questions',
    state: 'draft',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewerAssigned: N, reviewerOther: N, admin: N },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.draft.id}/questions`),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/questions',
    state: 'published',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewerAssigned: 200, reviewerOther: 200, admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.open.id}/questions`),
    check: (r, _as, w) => {
      expect(JSON.stringify(r.body)).not.toContain(w.users.smeOther.id);
      expect(JSON.stringify(r.body)).not.toContain(w.users.smeOther.organizationId);
    },
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/questions',
    state: 'closed',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewerAssigned: 200, reviewerOther: 200, admin: 200 },
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
    expect: { anonymous: U, leadOwner: N, leadOther: N, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.draft.id}/questions/${randomUUID()}/answer`, { text: '答复' }),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/questions/:qid/answer',
    state: 'published',
    expect: { anonymous: U, leadOwner: 200, leadOther: F, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.open.id}/questions/${w.questions.open}/answer`, { text: '接受。' }),
    check: (r) => expect(r.body.answer).toBe('接受。'),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/questions/:qid/answer',
    state: 'closed',
    expect: { anonymous: U, leadOwner: 200, leadOther: F, smeBidder: F, smeOther: F, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.closed.id}/questions/${w.questions.closed}/answer`, { text: '已截止,仍答复。' }),
  },

  // GET /challenges/:id/eligibility
  {
    endpoint: 'GET /api/v1/challenges/:id/eligibility',
    state: 'draft',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: N, smeOther: N, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.draft.id}/eligibility`),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/eligibility',
    state: 'published',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: 200, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.open.id}/eligibility`),
    check: (r) => expect(r.body).toEqual({ eligible: true, reasons: [] }),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/eligibility',
    state: 'closed',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: 200, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.closed.id}/eligibility`),
  },

  // GET /challenges/:id/audit
  {
    endpoint: 'GET /api/v1/challenges/:id/audit',
    state: 'draft',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewerAssigned: N, reviewerOther: N, admin: N },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.draft.id}/audit`),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/audit',
    state: 'published',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewerAssigned: N, reviewerOther: N, admin: 200 },
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
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewerAssigned: N, reviewerOther: N, admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.closed.id}/audit`),
    check: (r, _as, w) => {
      const submitted = r.body.items.find((e: Json) => e.action === 'bid.submitted');
      expect(submitted.actorId).toBe(w.users.smeBidder.id);
    },
  },

  {
    endpoint: 'GET /api/v1/challenges/:id/audit',
    state: 'reviewing',
    target: 'opened: names the bidder, so never to its reviewer',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, ...reviewers(N), admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.underReview.challenge.id}/audit`),
    check: (r, _as, w) => {
      const actions = r.body.items.map((e: Json) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['bid.submitted', 'reviews.assigned', 'challenge.reviewing']));
      expect(r.body.items.find((e: Json) => e.action === 'bid.submitted').actorId).toBe(w.users.smeBidder.id);
    },
  },

  // GET /challenges/:id/audit/verify
  {
    endpoint: 'GET /api/v1/challenges/:id/audit/verify',
    state: 'draft',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: N, smeOther: N, reviewerAssigned: N, reviewerOther: N, admin: N },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.draft.id}/audit/verify`),
    check: (r) => expect(r.body).toMatchObject({ valid: true, brokenAt: null }),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/audit/verify',
    state: 'published',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewerAssigned: 200, reviewerOther: 200, admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.open.id}/audit/verify`),
    check: (r) => expect(r.body).toMatchObject({ valid: true, brokenAt: null }),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/audit/verify',
    state: 'closed',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewerAssigned: 200, reviewerOther: 200, admin: 200 },
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.closed.id}/audit/verify`),
    check: (r) => expect(r.body).toMatchObject({ valid: true, brokenAt: null }),
  },

  // ───────────────────────────── notifications ─────────────────────────────
  {
    endpoint: 'GET /api/v1/notifications',
    state: 'none',
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewerAssigned: 200, reviewerOther: 200, admin: 200 },
    call: (as) => as.cs.get('/api/v1/notifications?limit=100'),
    check: (r, as, w) => {
      const own = w.notifications[as.role as SignedInRole];
      expect(ids(r)).toContain(own);
      const others = Object.values(w.notifications).filter((id) => id !== own);
      for (const id of others) expect(ids(r)).not.toContain(id);
    },
  },
  ...(['leadOwner', 'leadOther', 'smeBidder', 'smeOther', 'reviewerAssigned', 'reviewerOther', 'admin'] as const).map(
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
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: 200, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as) => as.bs.get('/api/v1/enterprise-profile'),
    check: (r, as) => expect(r.body.organizationId).toBe(as.user!.organizationId),
  },
  {
    endpoint: 'PUT /api/v1/enterprise-profile',
    state: 'none',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: 200, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as) => as.bs.put('/api/v1/enterprise-profile', { capabilities: ['伺服驱动'] }),
    check: (r, as) => expect(r.body).toMatchObject({ organizationId: as.user!.organizationId, capabilities: ['伺服驱动'] }),
  },
  {
    endpoint: 'GET /api/v1/enterprise-profiles/:organizationId',
    state: 'none',
    target: "smeBidder's organization",
    expect: { anonymous: U, leadOwner: 200, leadOther: 200, smeBidder: 200, smeOther: 200, reviewerAssigned: 200, reviewerOther: 200, admin: 200 },
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

  {
    endpoint: 'GET /api/v1/recommendations',
    state: 'none',
    expect: only({ smeBidder: 200, smeOther: 200 }),
    call: (as) => as.bs.get('/api/v1/recommendations'),
    check: (r, as, w) => {
      expect(r.body.items).toEqual(expect.any(Array));
      // open challenges with the caller's own bid id at most: never another SME's
      if (as.role !== 'smeBidder') expect(JSON.stringify(r.body)).not.toContain(w.bids.openLive.id);
    },
  },
  {
    endpoint: 'POST /api/v1/admin/enterprises/import',
    state: 'none',
    target: 'one line without externalId (reported, nothing written)',
    expect: only({ admin: 200 }),
    call: (as) =>
      as.bs.post('/api/v1/admin/enterprises/import', undefined, { raw: '{"name":"矩阵导入"}\n', headers: { 'content-type': 'application/x-ndjson' } }),
    check: (r) => expect(r.body).toEqual({ created: 0, updated: 0, failed: [expect.objectContaining({ line: 1 })] }),
  },

  // ───────────────────────────── bids ─────────────────────────────
  {
    endpoint: 'POST /api/v1/bids',
    state: 'draft',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: N, smeOther: N, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.bs.post('/api/v1/bids', bidBody(w.draft)),
  },
  {
    endpoint: 'POST /api/v1/bids',
    state: 'published',
    target: 'smeBidder already has a live bid',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: '409 BID_EXISTS', smeOther: 201, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.bs.post('/api/v1/bids', bidBody(w.open)),
    check: (r, as) => expect(r.body).toMatchObject({ status: 'submitted', organizationId: as.user!.organizationId }),
  },
  {
    endpoint: 'POST /api/v1/bids',
    state: 'closed',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: CLOSED, smeOther: CLOSED, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.bs.post('/api/v1/bids', bidBody(w.closed)),
  },

  {
    endpoint: 'GET /api/v1/bids',
    state: 'none',
    target: 'without challengeId',
    expect: { anonymous: U, leadOwner: V, leadOther: V, smeBidder: 200, smeOther: 200, reviewerAssigned: F, reviewerOther: F, admin: V },
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
    expect: { anonymous: U, leadOwner: SEALED, leadOther: N, smeBidder: 200, smeOther: 200, reviewerAssigned: F, reviewerOther: F, admin: N },
    call: (as, w) => as.bs.get(`/api/v1/bids?challengeId=${w.draft.id}`),
    check: (r) => expect(r.body.items).toEqual([]),
  },
  {
    endpoint: 'GET /api/v1/bids',
    state: 'published',
    target: '?challengeId=<open>',
    expect: { anonymous: U, leadOwner: SEALED, leadOther: N, smeBidder: 200, smeOther: 200, reviewerAssigned: F, reviewerOther: F, admin: SEALED },
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
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: 200, smeOther: 200, reviewerAssigned: F, reviewerOther: F, admin: 200 },
    call: (as, w) => as.bs.get(`/api/v1/bids?challengeId=${w.closed.id}`),
    check: (r, as, w) => {
      if (as.role === 'leadOwner' || as.role === 'admin') expect(ids(r)).toEqual([w.bids.closedLive.id]);
      else if (as.role === 'smeBidder') expect(ids(r).sort()).toEqual([w.bids.closedLive.id, w.bids.closedWithdrawn.id].sort());
      else expect(ids(r)).toEqual([]);
    },
  },

  {
    endpoint: 'GET /api/v1/bids',
    state: 'reviewing',
    target: '?challengeId=<underReview>',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: 200, smeOther: 200, ...reviewers(F), admin: 200 },
    call: (as, w) => as.bs.get(`/api/v1/bids?challengeId=${w.underReview.challenge.id}`),
    check: (r, as, w) => expect(ids(r)).toEqual(as.role === 'smeOther' ? [] : [w.underReview.bid.id]),
  },

  {
    endpoint: 'GET /api/v1/bids/:id',
    state: 'published',
    target: 'a live bid (sealed)',
    expect: { anonymous: U, leadOwner: SEALED, leadOther: N, smeBidder: 200, smeOther: N, reviewerAssigned: N, reviewerOther: N, admin: SEALED },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.bids.openLive.id}`),
    check: (r, _as, w) => expect(r.body.id).toBe(w.bids.openLive.id),
  },
  {
    endpoint: 'GET /api/v1/bids/:id',
    state: 'published',
    target: 'a withdrawn bid',
    expect: { anonymous: U, leadOwner: N, leadOther: N, smeBidder: 200, smeOther: N, reviewerAssigned: N, reviewerOther: N, admin: N },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.bids.openWithdrawn.id}`),
    check: (r) => expect(r.body.status).toBe('withdrawn'),
  },
  {
    endpoint: 'GET /api/v1/bids/:id',
    state: 'closed',
    target: 'a live bid (opened)',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: 200, smeOther: N, reviewerAssigned: N, reviewerOther: N, admin: 200 },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.bids.closedLive.id}`),
    check: (r, _as, w) => expect(r.body).toMatchObject({ id: w.bids.closedLive.id, priceYuan: w.bids.closedLive.priceYuan }),
  },
  {
    endpoint: 'GET /api/v1/bids/:id',
    state: 'closed',
    target: 'a withdrawn bid',
    expect: { anonymous: U, leadOwner: N, leadOther: N, smeBidder: 200, smeOther: N, reviewerAssigned: N, reviewerOther: N, admin: N },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.bids.closedWithdrawn.id}`),
    check: (r) => expect(r.body.status).toBe('withdrawn'),
  },

  {
    endpoint: 'GET /api/v1/bids/:id',
    state: 'reviewing',
    target: 'the bid reviewerAssigned reviews (blind: not through bidding-service either)',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: 200, smeOther: N, ...reviewers(N), admin: 200 },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.underReview.bid.id}`),
    check: (r, _as, w) => expect(r.body).toMatchObject({ id: w.underReview.bid.id, organizationId: w.users.smeBidder.organizationId }),
  },

  // GET /bids/:id/assessment: the bid's readers
  {
    endpoint: 'GET /api/v1/bids/:id/assessment',
    state: 'published',
    target: 'a live bid (sealed)',
    expect: { anonymous: U, leadOwner: SEALED, leadOther: N, smeBidder: 200, smeOther: N, ...reviewers(N), admin: SEALED },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.bids.openLive.id}/assessment`),
    check: (r) => expect(['pending', 'done']).toContain(r.body.status),
  },
  {
    endpoint: 'GET /api/v1/bids/:id/assessment',
    state: 'closed',
    target: 'a live bid (opened)',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: 200, smeOther: N, ...reviewers(N), admin: 200 },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.bids.closedLive.id}/assessment`),
    check: (r) => expect(['pending', 'done']).toContain(r.body.status),
  },
  {
    endpoint: 'GET /api/v1/bids/:id/assessment',
    state: 'reviewing',
    target: 'the bid reviewerAssigned reviews',
    expect: { anonymous: U, leadOwner: 200, leadOther: N, smeBidder: 200, smeOther: N, ...reviewers(N), admin: 200 },
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.underReview.bid.id}/assessment`),
    check: (r) => expect(['pending', 'done']).toContain(r.body.status),
  },

  {
    endpoint: 'PATCH /api/v1/bids/:id',
    state: 'published',
    target: 'a live bid at its current version',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: N, reviewerAssigned: F, reviewerOther: F, admin: F },
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
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: STATE, smeOther: N, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: async (as, w) => {
      const version = await w.bidVersion(w.bids.openWithdrawn.id);
      return as.bs.patch(`/api/v1/bids/${w.bids.openWithdrawn.id}`, { version, priceYuan: 1_500_000 });
    },
  },
  {
    endpoint: 'PATCH /api/v1/bids/:id',
    state: 'closed',
    target: 'a live bid at its current version',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: CLOSED, smeOther: N, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: async (as, w) => {
      const version = await w.bidVersion(w.bids.closedLive.id);
      return as.bs.patch(`/api/v1/bids/${w.bids.closedLive.id}`, { version, priceYuan: 1 });
    },
  },

  {
    endpoint: 'POST /api/v1/bids/:id/withdraw',
    state: 'published',
    target: 'a fresh live bid per cell',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: 200, smeOther: N, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: async (as, w) => as.bs.post(`/api/v1/bids/${(await w.freshOpenBid()).id}/withdraw`),
    check: (r) => expect(r.body.status).toBe('withdrawn'),
  },
  {
    endpoint: 'POST /api/v1/bids/:id/withdraw',
    state: 'published',
    target: 'an already withdrawn bid',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: STATE, smeOther: N, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.bs.post(`/api/v1/bids/${w.bids.openWithdrawn.id}/withdraw`),
  },
  {
    endpoint: 'POST /api/v1/bids/:id/withdraw',
    state: 'closed',
    target: 'a live bid',
    expect: { anonymous: U, leadOwner: F, leadOther: F, smeBidder: CLOSED, smeOther: N, reviewerAssigned: F, reviewerOther: F, admin: F },
    call: (as, w) => as.bs.post(`/api/v1/bids/${w.bids.closedLive.id}/withdraw`),
  },

];

const STATE_ORDER: Issue2State[] = ['none', 'draft', 'published', 'closed', 'reviewing'];
const CLOSE_MS = 7_000;

describe('authorization matrix (large)', () => {
  let stack: Stack;
  const w = {} as World;
  const callers = {} as Record<Role, Caller>;

  it('the table names an outcome for every role and covers every endpoint in every state', () => {
    expectCompleteMatrix(ROWS, ISSUE_2_ENDPOINTS);
  });

  beforeAll(async () => {
    stack = await startStack();
    w.stack = stack;
    const [leadOwner, leadOther, smeBidder, smeOther, reviewerAssigned, reviewerOther, admin] = await Promise.all([
      registerLead(stack),
      registerLead(stack),
      registerSme(stack, { region: '350102' }),
      registerSme(stack, { region: '350203' }),
      registerReviewer(stack),
      registerReviewer(stack),
      createAdmin(stack),
    ]);
    w.users = { leadOwner, leadOther, smeBidder, smeOther, reviewerAssigned, reviewerOther, admin };
    Object.assign(callers, callersOf(stack, w.users));
    const owner = callers.leadOwner;
    const bidder = callers.smeBidder;
    const approve = async (reviewer: TestUser) => setupStep(await callers.admin.cs.post(`/api/v1/reviewers/${reviewer.id}/approve`), 200, 'approve');
    // The only approved reviewer while underReview closes, so the worker assigns it there.
    await approve(reviewerAssigned);

    const createPublished = async (deadlineMs: number, overrides: Json = {}): Promise<Json> => {
      const created = setupStep(await owner.cs.post('/api/v1/challenges', challengeBody(deadlineMs, overrides)), 201, 'create');
      return setupStep(await owner.cs.post(`/api/v1/challenges/${created.body.id}/publish`), 200, 'publish').body;
    };
    /** smeBidder: a bid, withdrawn, and a live second bid; smeOther: a question. */
    const populate = async (challenge: Json) => {
      const first = setupStep(await bidder.bs.post('/api/v1/bids', bidBody(challenge, { priceYuan: 1_900_000 })), 201, 'bid');
      const withdrawn = setupStep(await bidder.bs.post(`/api/v1/bids/${first.body.id}/withdraw`), 200, 'withdraw').body;
      const live = setupStep(await bidder.bs.post('/api/v1/bids', bidBody(challenge, { priceYuan: 1_700_000 })), 201, 'bid again').body;
      const question = setupStep(await callers.smeOther.cs.post(`/api/v1/challenges/${challenge.id}/questions`, { text: '是否接受分期交付?' }), 201, 'ask');
      return { withdrawn, live, question: question.body.id as string };
    };

    // The short-deadline challenges first, so their clock runs while the rest is set up.
    const [closed, closedForCancel, reviewed] = await Promise.all([
      createPublished(CLOSE_MS),
      createPublished(CLOSE_MS),
      createPublished(CLOSE_MS, { review: { reviewersPerBid: 1, blind: true } }),
    ]);
    const [closedSetup, , reviewedBid] = await Promise.all([
      populate(closed),
      bidder.bs.post('/api/v1/bids', bidBody(closedForCancel)).then((r) => setupStep(r, 201, 'bid on closedForCancel')),
      bidder.bs.post('/api/v1/bids', bidBody(reviewed)).then((r) => setupStep(r, 201, 'bid on underReview').body),
    ]);
    w.closed = closed;
    w.closedForCancel = closedForCancel;

    w.open = await createPublished(3_600_000);
    const openSetup = await populate(w.open);
    w.draft = setupStep(await owner.cs.post('/api/v1/challenges', challengeBody(3_600_000)), 201, 'draft').body;
    w.bids = { openLive: openSetup.live, openWithdrawn: openSetup.withdrawn, closedLive: closedSetup.live, closedWithdrawn: closedSetup.withdrawn };
    w.questions = { open: openSetup.question, closed: closedSetup.question };

    // underReview in review with reviewerAssigned on smeBidder's bid; then reviewerOther joins the pool (two
    // approved reviewers cannot cover the three per bid the closed challenges want: they stay closed).
    const inReview = await waitForStatus(stack, reviewed.id, 'reviewing', CLOSE_MS + 25_000);
    const assignments = setupStep(await callers.admin.cs.get(`/api/v1/reviews/assignments?challengeId=${reviewed.id}`), 200, 'assignments').body.items;
    if (assignments.length !== 1 || assignments[0].reviewerId !== reviewerAssigned.id || assignments[0].bidId !== reviewedBid.id) {
      throw new Error(`set-up: unexpected assignments on underReview ${JSON.stringify(assignments)}`);
    }
    w.underReview = { challenge: inReview, bid: reviewedBid };
    await approve(reviewerOther);

    // One notification per user (no HTTP route gives reviewers and admins one in this issue's scope).
    const notifications = stack.challengeApp.get(NotificationsRepository);
    w.notifications = {} as Record<SignedInRole, string>;
    for (const role of Object.keys(w.users) as SignedInRole[]) {
      const marker = `matrix notification for ${role}`;
      await notifications.notify([w.users[role].id], { type: 'challenge.addendum', challengeId: w.open.id, message: marker, dedupeKey: `matrix:${role}` }, new Date());
      const list = setupStep(await callers[role].cs.get('/api/v1/notifications?limit=100'), 200, 'notifications');
      w.notifications[role] = list.body.items.find((n: Json) => n.message === marker).id;
    }

    w.freshDraft = async () => setupStep(await owner.cs.post('/api/v1/challenges', challengeBody(3_600_000)), 201, 'fresh draft').body;
    w.freshPublished = () => createPublished(3_600_000);
    w.freshOpenBid = async () => setupStep(await bidder.bs.post('/api/v1/bids', bidBody(await w.freshPublished())), 201, 'fresh bid').body;
    w.bidVersion = async (bidId) => setupStep(await bidder.bs.get(`/api/v1/bids/${bidId}`), 200, 'read own bid').body.version;
  }, CLOSE_MS + 60_000);
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
      describeRows(
        ROWS.filter((r) => r.state === state),
        ISSUE_2_ENDPOINTS,
        callers,
        w,
      );
    });
  }
});
