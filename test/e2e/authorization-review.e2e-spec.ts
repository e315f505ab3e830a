import { randomBytes } from 'node:crypto';
import { bidBody, challengeBody, createAdmin, registerLead, registerReviewer, registerSme, TestUser } from '../support/actors';
import { ReviewEndpoint, REVIEW_ENDPOINTS, ReviewState } from '../support/authorization-endpoints';
import { ApiResponse, client, Json } from '../support/http';
import { scoresAt, submitAllReviews, waitForStatus } from '../support/lifecycle';
import {
  Caller,
  callersOf,
  Cells,
  describeRows,
  everyone,
  expectCompleteMatrix,
  N,
  only,
  Outcome,
  Role,
  Row as MatrixRowOf,
  setupStep,
  SignedInRole,
  signedIn,
  STATE,
} from '../support/matrix';
import { startStack, Stack } from '../support/stack';

/**
 * The authorization matrix of issue 4 (QUALITY.md "Security"; API.md "Conventions" → Auth, "Reviews", the
 * ranking/reviews/award/result/objections rows of "Challenges" and bid feedback): every review, award and
 * objection endpoint × every role, in every challenge state that changes the answer. ROWS below is the single
 * source: a row must name an outcome for every role (a missing cell does not compile), the coverage test fails
 * when an endpoint of REVIEW_ENDPOINTS or one of its states has no row, the OpenAPI test fails when either service
 * documents a review/award route that REVIEW_ENDPOINTS does not list, and `authorization-routes.e2e-spec.ts`
 * fails when an app registers a route no catalog lists.
 *
 * The world: five one-bid challenges of leadOwner (smeBidder bids on each, `reviewersPerBid` 1, blind review)
 * driven by the worker to reviewing, two of them left there (one only for the decline row), three reviewed to
 * shortlisted and one of those awarded (publicity lasts an hour). Only one reviewer is approved while the worker
 * assigns; `reviewerAssigned` is whoever the admin's assignment list names, and the other reviewer is approved
 * afterwards, so `reviewerOther` is approved but assigned to none of the target bids.
 *
 * Order independence: a cell that changes state works on a fresh object (a fresh objection) or on an object of
 * its own row whose only successful cell runs after the failing ones (decline, approve, suspend, award).
 */

type Row = MatrixRowOf<World, ReviewEndpoint, ReviewState>;

/** A documented operation belongs to issue 4 (and so needs a row here) by its OpenAPI tag or its path. */
const ISSUE_4_TAGS = ['reviews', 'reviewers', 'award'];
const ISSUE_4_PATHS = [
  /^\/api\/v1\/(reviews|reviewers|objections)(\/|$)/,
  /^\/api\/v1\/challenges\/:id\/(ranking|reviews|award|result|objections)(\/|$)/,
  /^\/api\/v1\/bids\/:id\/feedback(\/|$)/,
];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

/** One of leadOwner's challenges with smeBidder's bid and its assignment (as the admin reads it). */
interface Stage {
  challenge: Json;
  bid: Json;
  assignment: Json;
}

const STAGES = ['reviewing', 'declining', 'shortlisted', 'awarding', 'publicity'] as const;
type StageKey = (typeof STAGES)[number];

interface World {
  stack: Stack;
  users: Record<SignedInRole, TestUser>;
  /** smeBidder's organization name (what blind review must not reveal). */
  bidderName: string;
  /**
   * reviewing: stays reviewing (a draft review is saved); declining: reviewing, only for the decline row;
   * shortlisted: reviewed; awarding: shortlisted, only for the award row (leadOwner awards it last);
   * publicity: awarded by leadOwner, publicity for an hour.
   */
  stages: Record<StageKey, Stage>;
  /** An open objection of smeOther against the publicity challenge's result. */
  objection: Json;
  /** An objection of smeOther the admin dismissed. */
  resolvedObjection: Json;
  /** A pending reviewer, only for the approve row (the admin approves it last). */
  pendingReviewer: TestUser;
  /** An approved reviewer without assignments, only for the suspend row (the admin suspends it last). */
  reviewerToSuspend: TestUser;
  /** A fresh open objection of smeOther on the publicity challenge. */
  freshObjection(): Promise<Json>;
}

/** Ranking and reviews: the owner and admins, another lead never sees them (404), other roles are refused (403). */
const OWNER_AND_ADMIN = (outcome: Outcome): Cells => only({ leadOwner: outcome, leadOther: N, admin: outcome });
/** Assignment reads: the assigned reviewer and admins; another reviewer never sees it (404). */
const ASSIGNEE_AND_ADMIN = (outcome: Outcome): Cells => only({ reviewerAssigned: outcome, reviewerOther: N, admin: outcome });
/** Assignment changes: the assigned reviewer only (admins are refused by role); another reviewer: 404. */
const ASSIGNEE = (outcome: Outcome): Cells => only({ reviewerAssigned: outcome, reviewerOther: N });
/** Feedback: the bidding SME; another SME never sees it (404). */
const BIDDER = (outcome: Outcome): Cells => only({ smeBidder: outcome, smeOther: N });

const TEAM_MEMBER = '陈揭榜博士';
const ids = (response: ApiResponse<Json>): string[] => response.body.items.map((item: Json) => item.id);

/** Blind review: the bid and everything around it carry nothing that identifies smeBidder. */
function expectBlind(body: Json, w: World): void {
  expect(body.bid).not.toBeNull();
  for (const field of ['organizationId', 'organizationName', 'creditCode']) expect(body.bid).not.toHaveProperty(field);
  expect(body.bid.team.length).toBeGreaterThan(0);
  for (const member of body.bid.team) expect(member).not.toHaveProperty('name');
  const text = JSON.stringify(body);
  const bidder = w.users.smeBidder;
  for (const secret of [bidder.organizationId as string, bidder.creditCode as string, w.bidderName, TEAM_MEMBER, bidder.id, bidder.email]) {
    expect(text).not.toContain(secret);
  }
}

const draftReview = (challenge: Json): Json => ({
  scores: { [challenge.scorecard.criteria[0].key]: 1 },
  comment: '草稿意见',
  privateNote: '草稿备注',
  submit: false,
});
const objectionBody = { reason: '评审程序有疑问', evidence: '评审时间过短' };

const ROWS: Row[] = [
  // ───────────────────────────── review assignments ─────────────────────────────
  {
    endpoint: 'GET /api/v1/reviews/assignments',
    state: 'none',
    target: 'every challenge',
    expect: only({ reviewerAssigned: 200, reviewerOther: 200, admin: 200 }),
    call: (as) => as.cs.get('/api/v1/reviews/assignments?limit=100'),
    check: (r, as, w) => {
      const all = STAGES.map((s) => w.stages[s].assignment.id);
      if (as.role === 'reviewerOther') {
        // approved, but assigned to none of the target bids: none of their assignments is listed
        for (const id of all) expect(ids(r)).not.toContain(id);
        for (const s of STAGES) expect(r.body.items.map((a: Json) => a.bidId)).not.toContain(w.stages[s].bid.id);
      } else {
        expect(ids(r)).toEqual(expect.arrayContaining(all));
      }
      if (as.role === 'reviewerAssigned') expect(r.body.items.every((a: Json) => a.reviewerId === undefined)).toBe(true);
      if (as.role === 'admin') expect(r.body.items.find((a: Json) => a.id === all[0]).reviewerId).toBe(w.users.reviewerAssigned.id);
    },
  },
  {
    endpoint: 'GET /api/v1/reviews/assignments',
    state: 'reviewing',
    target: '?challengeId=<reviewing>',
    expect: only({ reviewerAssigned: 200, reviewerOther: 200, admin: 200 }),
    call: (as, w) => as.cs.get(`/api/v1/reviews/assignments?challengeId=${w.stages.reviewing.challenge.id}`),
    check: (r, as, w) => {
      if (as.role === 'reviewerOther') expect(r.body.items).toEqual([]);
      else expect(r.body.items).toEqual([expect.objectContaining({ id: w.stages.reviewing.assignment.id, bidId: w.stages.reviewing.bid.id, status: 'assigned' })]);
    },
  },

  {
    endpoint: 'GET /api/v1/reviews/assignments/:id',
    state: 'reviewing',
    expect: ASSIGNEE_AND_ADMIN(200),
    call: (as, w) => as.cs.get(`/api/v1/reviews/assignments/${w.stages.reviewing.assignment.id}`),
    check: (r, _as, w) => {
      expect(r.body).toMatchObject({ id: w.stages.reviewing.assignment.id, status: 'assigned', bid: { id: w.stages.reviewing.bid.id } });
      expect(r.body.scorecard.criteria.length).toBeGreaterThan(0);
      expectBlind(r.body, w);
    },
  },
  {
    endpoint: 'GET /api/v1/reviews/assignments/:id',
    state: 'shortlisted',
    target: 'a submitted assignment',
    expect: ASSIGNEE_AND_ADMIN(200),
    call: (as, w) => as.cs.get(`/api/v1/reviews/assignments/${w.stages.shortlisted.assignment.id}`),
    check: (r, _as, w) => {
      expect(r.body).toMatchObject({ status: 'submitted', review: { status: 'submitted' } });
      expectBlind(r.body, w);
    },
  },

  {
    endpoint: 'POST /api/v1/reviews/assignments/:id/decline',
    state: 'reviewing',
    target: 'a reviewing challenge of its own (the assigned reviewer declines last)',
    expect: ASSIGNEE(200),
    call: (as, w) => as.cs.post(`/api/v1/reviews/assignments/${w.stages.declining.assignment.id}/decline`, { reason: 'unavailable', detail: '出差' }),
    check: (r, _as, w) => expect(r.body).toMatchObject({ id: w.stages.declining.assignment.id, status: 'declined', declineReason: 'unavailable' }),
  },
  {
    endpoint: 'POST /api/v1/reviews/assignments/:id/decline',
    state: 'shortlisted',
    target: 'a submitted assignment',
    expect: ASSIGNEE(STATE),
    call: (as, w) => as.cs.post(`/api/v1/reviews/assignments/${w.stages.shortlisted.assignment.id}/decline`, { reason: 'conflict' }),
  },

  {
    endpoint: 'PUT /api/v1/reviews/assignments/:id/review',
    state: 'reviewing',
    target: 'a draft (submit: false)',
    expect: ASSIGNEE(200),
    call: (as, w) => as.cs.put(`/api/v1/reviews/assignments/${w.stages.reviewing.assignment.id}/review`, draftReview(w.stages.reviewing.challenge)),
    check: (r) => expect(r.body).toMatchObject({ status: 'draft', total: null, comment: '草稿意见', privateNote: '草稿备注' }),
  },
  {
    endpoint: 'PUT /api/v1/reviews/assignments/:id/review',
    state: 'shortlisted',
    target: 'a submitted review',
    expect: ASSIGNEE(STATE),
    call: (as, w) => as.cs.put(`/api/v1/reviews/assignments/${w.stages.shortlisted.assignment.id}/review`, draftReview(w.stages.shortlisted.challenge)),
  },

  // ───────────────────────────── the reviewer pool (admin) ─────────────────────────────
  {
    endpoint: 'GET /api/v1/reviewers',
    state: 'none',
    expect: only({ admin: 200 }),
    call: (as) => as.cs.get('/api/v1/reviewers?limit=100'),
    check: (r, _as, w) => {
      const byId = new Map(r.body.items.map((x: Json) => [x.id, x]));
      expect(byId.get(w.users.reviewerAssigned.id)).toMatchObject({ email: w.users.reviewerAssigned.email, status: 'approved' });
      expect(byId.get(w.users.reviewerOther.id)).toMatchObject({ status: 'approved' });
      expect(byId.has(w.users.smeBidder.id)).toBe(false);
    },
  },
  {
    endpoint: 'POST /api/v1/reviewers/:id/approve',
    state: 'none',
    target: 'a pending reviewer of its own (the admin approves last)',
    expect: only({ admin: 200 }),
    call: (as, w) => as.cs.post(`/api/v1/reviewers/${w.pendingReviewer.id}/approve`),
    check: (r, _as, w) => expect(r.body).toMatchObject({ id: w.pendingReviewer.id, status: 'approved' }),
  },
  {
    endpoint: 'POST /api/v1/reviewers/:id/approve',
    state: 'none',
    target: 'a user who is not a reviewer (smeOther)',
    expect: only({ admin: N }),
    call: (as, w) => as.cs.post(`/api/v1/reviewers/${w.users.smeOther.id}/approve`),
  },
  {
    endpoint: 'POST /api/v1/reviewers/:id/suspend',
    state: 'none',
    target: 'an approved reviewer of its own (the admin suspends last)',
    expect: only({ admin: 200 }),
    call: (as, w) => as.cs.post(`/api/v1/reviewers/${w.reviewerToSuspend.id}/suspend`),
    check: (r, _as, w) => expect(r.body).toMatchObject({ id: w.reviewerToSuspend.id, status: 'suspended', openAssignments: 0 }),
  },

  // ───────────────────────────── ranking and reviews (owner, admin) ─────────────────────────────
  {
    endpoint: 'GET /api/v1/challenges/:id/ranking',
    state: 'reviewing',
    expect: OWNER_AND_ADMIN(STATE),
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.stages.reviewing.challenge.id}/ranking`),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/ranking',
    state: 'shortlisted',
    expect: OWNER_AND_ADMIN(200),
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.stages.shortlisted.challenge.id}/ranking`),
    check: (r, _as, w) =>
      expect(r.body.items).toEqual([
        expect.objectContaining({ bidId: w.stages.shortlisted.bid.id, organizationName: w.bidderName, rank: 1, score: 80, reviewCount: 1, shortlisted: true }),
      ]),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/ranking',
    state: 'publicity',
    expect: OWNER_AND_ADMIN(200),
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.stages.publicity.challenge.id}/ranking`),
    check: (r, _as, w) => expect(r.body.items).toEqual([expect.objectContaining({ bidId: w.stages.publicity.bid.id, rank: 1, status: 'awarded' })]),
  },

  {
    endpoint: 'GET /api/v1/challenges/:id/reviews',
    state: 'reviewing',
    expect: OWNER_AND_ADMIN(STATE),
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.stages.reviewing.challenge.id}/reviews`),
  },
  ...(['shortlisted', 'publicity'] as const).map(
    (stage): Row => ({
      endpoint: 'GET /api/v1/challenges/:id/reviews',
      state: stage,
      expect: OWNER_AND_ADMIN(200),
      call: (as, w) => as.cs.get(`/api/v1/challenges/${w.stages[stage].challenge.id}/reviews`),
      check: (r, as, w) => {
        expect(r.body.items).toHaveLength(1);
        // private notes reach the owner and admins (the only readers); the reviewer's id only admins
        expect(r.body.items[0]).toMatchObject({ bidId: w.stages[stage].bid.id, reviewer: 'Reviewer 1', privateNote: expect.stringMatching(/^PRIVATE-NOTE/) });
        if (as.role === 'admin') expect(r.body.items[0].reviewerId).toBe(w.users.reviewerAssigned.id);
        else expect(r.body.items[0]).not.toHaveProperty('reviewerId');
      },
    }),
  ),

  // ───────────────────────────── award (owner, shortlisted) ─────────────────────────────
  {
    endpoint: 'POST /api/v1/challenges/:id/award',
    state: 'reviewing',
    expect: only({ leadOwner: STATE }),
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.stages.reviewing.challenge.id}/award`, { bidIds: [w.stages.reviewing.bid.id] }),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/award',
    state: 'shortlisted',
    target: 'a shortlisted challenge of its own (the owner awards last)',
    expect: only({ leadOwner: 200 }),
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.stages.awarding.challenge.id}/award`, { bidIds: [w.stages.awarding.bid.id] }),
    check: (r, _as, w) => expect(r.body).toMatchObject({ status: 'publicity', winners: [{ bidId: w.stages.awarding.bid.id }], openObjections: 0 }),
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/award',
    state: 'publicity',
    expect: only({ leadOwner: STATE }),
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.stages.publicity.challenge.id}/award`, { bidIds: [w.stages.publicity.bid.id] }),
  },

  // ───────────────────────────── the public result ─────────────────────────────
  {
    endpoint: 'GET /api/v1/challenges/:id/result',
    state: 'reviewing',
    expect: everyone(STATE),
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.stages.reviewing.challenge.id}/result`),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/result',
    state: 'shortlisted',
    target: 'before the first award',
    expect: everyone(STATE),
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.stages.shortlisted.challenge.id}/result`),
  },
  {
    endpoint: 'GET /api/v1/challenges/:id/result',
    state: 'publicity',
    expect: everyone(200),
    call: (as, w) => as.cs.get(`/api/v1/challenges/${w.stages.publicity.challenge.id}/result`),
    check: (r, _as, w) => {
      expect(r.body).toMatchObject({ status: 'publicity', winners: [{ bidId: w.stages.publicity.bid.id, organizationName: w.bidderName }] });
      expect(Date.parse(r.body.publicityEndsAt)).toBeGreaterThan(Date.now() + 600_000);
      expect(r.body.openObjections).toBeGreaterThanOrEqual(1);
    },
  },

  // ───────────────────────────── objections ─────────────────────────────
  ...(['reviewing', 'shortlisted'] as const).map(
    (stage): Row => ({
      endpoint: 'POST /api/v1/challenges/:id/objections',
      state: stage,
      expect: signedIn(STATE),
      call: (as, w) => as.cs.post(`/api/v1/challenges/${w.stages[stage].challenge.id}/objections`, objectionBody),
    }),
  ),
  {
    endpoint: 'POST /api/v1/challenges/:id/objections',
    state: 'publicity',
    target: 'against the result',
    expect: signedIn(201),
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.stages.publicity.challenge.id}/objections`, objectionBody),
    check: (r, as, w) => {
      expect(r.body).toMatchObject({ status: 'open', challengeId: w.stages.publicity.challenge.id, bidId: null });
      if (as.role === 'admin') expect(r.body.objectorId).toBe(as.user!.id);
      else expect(r.body).not.toHaveProperty('objectorId');
    },
  },
  {
    endpoint: 'POST /api/v1/challenges/:id/objections',
    state: 'publicity',
    target: 'against the awarded bid',
    expect: signedIn(201),
    call: (as, w) => as.cs.post(`/api/v1/challenges/${w.stages.publicity.challenge.id}/objections`, { ...objectionBody, bidId: w.stages.publicity.bid.id }),
    check: (r, _as, w) => expect(r.body).toMatchObject({ status: 'open', bidId: w.stages.publicity.bid.id }),
  },

  ...(['every objection the caller may see', '?challengeId=<publicity>'] as const).map(
    (target): Row => ({
      endpoint: 'GET /api/v1/objections',
      state: 'none',
      target,
      expect: signedIn(200),
      call: (as, w) =>
        as.cs.get(`/api/v1/objections?limit=100${target.startsWith('?') ? `&challengeId=${w.stages.publicity.challenge.id}` : ''}`),
      check: (r, as, w) => {
        // its objector (own), the challenge's lead (own challenge) and admins (all); nobody else
        const sees = ['smeOther', 'leadOwner', 'admin'].includes(as.role);
        if (sees) expect(ids(r)).toEqual(expect.arrayContaining([w.objection.id, w.resolvedObjection.id]));
        else for (const id of [w.objection.id, w.resolvedObjection.id]) expect(ids(r)).not.toContain(id);
        const mine = r.body.items.find((o: Json) => o.id === w.objection.id);
        if (as.role === 'admin') expect(mine.objectorId).toBe(w.users.smeOther.id);
        else expect(r.body.items.every((o: Json) => o.objectorId === undefined)).toBe(true);
      },
    }),
  ),

  {
    endpoint: 'POST /api/v1/objections/:id/resolve',
    state: 'publicity',
    target: 'a fresh open objection per cell (dismissed)',
    expect: only({ admin: 200 }),
    call: async (as, w) => as.cs.post(`/api/v1/objections/${(await w.freshObjection()).id}/resolve`, { decision: 'dismissed', note: '程序合规' }),
    check: (r, _as, w) =>
      expect(r.body).toMatchObject({ status: 'dismissed', objectorId: w.users.smeOther.id, resolution: { decision: 'dismissed', note: '程序合规' } }),
  },
  {
    endpoint: 'POST /api/v1/objections/:id/resolve',
    state: 'publicity',
    target: 'an objection already dismissed',
    expect: only({ admin: STATE }),
    call: (as, w) => as.cs.post(`/api/v1/objections/${w.resolvedObjection.id}/resolve`, { decision: 'upheld', note: '改判' }),
  },

  // ───────────────────────────── feedback (bidding-service) ─────────────────────────────
  ...(['reviewing', 'shortlisted'] as const).map(
    (stage): Row => ({
      endpoint: 'GET /api/v1/bids/:id/feedback',
      state: stage,
      target: 'before publicity',
      expect: BIDDER(STATE),
      call: (as, w) => as.bs.get(`/api/v1/bids/${w.stages[stage].bid.id}/feedback`),
    }),
  ),
  {
    endpoint: 'GET /api/v1/bids/:id/feedback',
    state: 'publicity',
    expect: BIDDER(200),
    call: (as, w) => as.bs.get(`/api/v1/bids/${w.stages.publicity.bid.id}/feedback`),
    check: (r, _as, w) => {
      expect(r.body).toMatchObject({ rank: 1, of: 1, score: 80, shortlisted: true, awarded: true });
      expect(r.body.comments).toEqual([expect.stringContaining('方案可行')]);
      // reviewer comments only: never a private note or who reviewed
      const text = JSON.stringify(r.body);
      for (const secret of ['PRIVATE-NOTE', '草稿备注', 'privateNote', w.users.reviewerAssigned.id, w.users.reviewerAssigned.email, 'Reviewer 1']) {
        expect(text).not.toContain(secret);
      }
    },
  },
];

const STATE_ORDER: ReviewState[] = ['none', 'reviewing', 'shortlisted', 'publicity'];
const CLOSE_MS = 5_000;

describe('authorization matrix: reviews, award, objections, feedback (large)', () => {
  let stack: Stack;
  const w = {} as World;
  const callers = {} as Record<Role, Caller>;

  it('the table names an outcome for every role and covers every endpoint in every state', () => {
    expectCompleteMatrix(ROWS, REVIEW_ENDPOINTS);
  });

  beforeAll(async () => {
    stack = await startStack({ env: { PUBLICITY_PERIOD_SECONDS: '3600' } });
    w.stack = stack;
    w.bidderName = `揭榜矩阵科技${randomBytes(4).toString('hex')}`;
    const [leadOwner, leadOther, smeBidder, smeOther, reviewerA, reviewerB, pendingReviewer, reviewerToSuspend, admin] = await Promise.all([
      registerLead(stack),
      registerLead(stack),
      registerSme(stack, { region: '350102', name: w.bidderName }),
      registerSme(stack, { region: '350203' }),
      registerReviewer(stack, ['伺服控制', '运动控制']),
      registerReviewer(stack, ['伺服电机', '控制器']),
      registerReviewer(stack, ['伺服驱动']),
      registerReviewer(stack, ['电机控制']),
      createAdmin(stack),
    ]);
    w.pendingReviewer = pendingReviewer;
    w.reviewerToSuspend = reviewerToSuspend;
    const asAdmin = client(stack.challengeUrl, admin.token);
    const approve = async (reviewer: TestUser) => setupStep(await asAdmin.post(`/api/v1/reviewers/${reviewer.id}/approve`), 200, 'approve');

    // Only reviewerA is in the pool while the worker assigns: then nobody else can be assigned to the target bids.
    await approve(reviewerA);
    const asOwner = client(stack.challengeUrl, leadOwner.token);
    const publishWithBid = async (): Promise<{ challenge: Json; bid: Json }> => {
      const body = challengeBody(CLOSE_MS, { review: { reviewersPerBid: 1, blind: true } });
      const created = setupStep(await asOwner.post('/api/v1/challenges', body), 201, 'create');
      const challenge = setupStep(await asOwner.post(`/api/v1/challenges/${created.body.id}/publish`), 200, 'publish').body;
      const bid = bidBody(challenge, { team: [{ name: TEAM_MEMBER, role: '技术负责人' }] });
      return { challenge, bid: setupStep(await client(stack.biddingUrl, smeBidder.token).post('/api/v1/bids', bid), 201, 'bid').body };
    };
    const published = await Promise.all(STAGES.map(() => publishWithBid()));
    await Promise.all(published.map((p) => waitForStatus(stack, p.challenge.id, 'reviewing', CLOSE_MS + 25_000)));

    // Who did the worker assign? The admin's list says; every target bid must have the same single reviewer.
    const assignments = await Promise.all(
      published.map(async (p) => {
        const list = setupStep(await asAdmin.get(`/api/v1/reviews/assignments?challengeId=${p.challenge.id}&limit=100`), 200, 'assignments');
        const ofBid = list.body.items.filter((a: Json) => a.bidId === p.bid.id);
        if (ofBid.length !== 1) throw new Error(`set-up: expected one assignment for ${p.bid.id}, got ${JSON.stringify(list.body.items)}`);
        return ofBid[0];
      }),
    );
    const assignedIds = new Set(assignments.map((a) => a.reviewerId));
    const reviewerAssigned = [reviewerA, reviewerB].find((r) => assignedIds.has(r.id));
    if (assignedIds.size !== 1 || !reviewerAssigned) throw new Error(`set-up: unexpected assignees ${[...assignedIds].join(', ')}`);
    const reviewerOther = reviewerAssigned === reviewerA ? reviewerB : reviewerA;
    // Approved from now on, but assigned to none of the target bids.
    await Promise.all([approve(reviewerOther), approve(reviewerToSuspend)]);

    w.users = { leadOwner, leadOther, smeBidder, smeOther, reviewerAssigned, reviewerOther, admin };
    Object.assign(callers, callersOf(stack, w.users));
    w.stages = Object.fromEntries(STAGES.map((s, i) => [s, { ...published[i], assignment: assignments[i] }])) as Record<StageKey, Stage>;

    // Review three of them (80 points each) → shortlisted; award one → publicity for an hour.
    const reviewed = [w.stages.shortlisted, w.stages.awarding, w.stages.publicity];
    await Promise.all(
      reviewed.map(async ({ challenge }) => {
        const submitted = await submitAllReviews(stack, [reviewerAssigned], challenge.id, () => scoresAt(challenge, 0.8));
        if (submitted !== 1) throw new Error(`set-up: ${submitted} reviews submitted on ${challenge.id}`);
        await waitForStatus(stack, challenge.id, 'shortlisted');
      }),
    );
    const publicity = w.stages.publicity;
    setupStep(await callers.leadOwner.cs.post(`/api/v1/challenges/${publicity.challenge.id}/award`, { bidIds: [publicity.bid.id] }), 200, 'award');

    w.freshObjection = async () =>
      setupStep(await callers.smeOther.cs.post(`/api/v1/challenges/${publicity.challenge.id}/objections`, objectionBody), 201, 'objection').body;
    w.objection = await w.freshObjection();
    const toResolve = await w.freshObjection();
    w.resolvedObjection = setupStep(await asAdmin.post(`/api/v1/objections/${toResolve.id}/resolve`, { decision: 'dismissed', note: '不成立' }), 200, 'dismiss').body;
  }, 90_000);
  afterAll(() => stack?.close());

  it('every review, award, objection and feedback route either service documents is in REVIEW_ENDPOINTS, and vice versa', async () => {
    const documented: string[] = [];
    for (const service of ['challenge', 'bidding'] as const) {
      const docs = await callers.anonymous.at(service).get('/docs-json');
      expect(docs.status).toBe(200);
      for (const [path, operations] of Object.entries<Json>(docs.body.paths)) {
        for (const [method, operation] of Object.entries<Json>(operations)) {
          if (!HTTP_METHODS.includes(method)) continue;
          const route = path.replace(/\{(\w+)\}/g, ':$1');
          const tagged = (operation.tags ?? []).some((tag: string) => ISSUE_4_TAGS.includes(tag));
          if (tagged || ISSUE_4_PATHS.some((pattern) => pattern.test(route))) documented.push(`${method.toUpperCase()} ${route} @${service}`);
        }
      }
    }
    const catalogued = Object.entries(REVIEW_ENDPOINTS).flatMap(([endpoint, spec]) => spec.on.map((on) => `${endpoint} @${on}`));
    expect(documented.sort()).toEqual(catalogued.sort());
  });

  for (const state of STATE_ORDER) {
    describe(state === 'none' ? 'independent of a challenge state' : `challenge ${state}`, () => {
      describeRows(
        ROWS.filter((r) => r.state === state),
        REVIEW_ENDPOINTS,
        callers,
        w,
      );
    });
  }
});
