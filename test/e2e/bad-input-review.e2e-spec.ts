import { randomUUID } from 'node:crypto';
import { bidBody, challengeBody, createAdmin, registerLead, registerSme, TestUser } from '../support/actors';
import { ApiResponse, client, Json } from '../support/http';
import { approvedReviewer, assignmentsOf, waitForStatus } from '../support/lifecycle';
import { expectProblem } from '../support/matrix';
import { startStack, Stack } from '../support/stack';

/**
 * Malformed input to the review, award and objection endpoints: 400 VALIDATION_FAILED naming the field for
 * shape errors, 422 RULE_VIOLATION for scores that do not fit the scorecard; never a 500.
 */
function expectInvalid(response: ApiResponse<Json>, field: string): void {
  expectProblem(response, 400, 'VALIDATION_FAILED');
  const fields: string[] = (response.body.errors ?? []).map((e: Json) => e.field);
  if (!fields.some((f) => f === field || f.startsWith(`${field}.`))) throw new Error(`expected ${field} in ${JSON.stringify(response.body.errors)}`);
}

describe('bad input to review, award and objections (large)', () => {
  let stack: Stack;
  let lead: TestUser, admin: TestUser, reviewer: TestUser, sme: TestUser;
  let challenge: Json;
  let assignment: Json;
  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);

  beforeAll(async () => {
    stack = await startStack({ env: { LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' } });
    [lead, admin, sme] = await Promise.all([registerLead(stack), createAdmin(stack), registerSme(stack)]);
    reviewer = await approvedReviewer(stack, admin, ['伺服控制']);
    const created = await cs(lead).post('/api/v1/challenges', challengeBody(2500, { review: { reviewersPerBid: 1, blind: true } }));
    challenge = (await cs(lead).post(`/api/v1/challenges/${created.body.id}/publish`)).body;
    expect((await client(stack.biddingUrl, sme.token).post('/api/v1/bids', bidBody(challenge))).status).toBe(201);
    await waitForStatus(stack, challenge.id, 'reviewing');
    [assignment] = await assignmentsOf(stack, reviewer, challenge.id);
  }, 60_000);
  afterAll(() => stack?.close());

  const review = (body: Json) => cs(reviewer).put(`/api/v1/reviews/assignments/${assignment.id}/review`, body);
  const valid = { scores: { technical: 5 }, comment: 'ok', submit: false };

  it.each([
    ['scores as an array', { ...valid, scores: [5] }, 'scores'],
    ['a score as a string', { ...valid, scores: { technical: '5' } }, 'scores'],
    ['scores as null', { ...valid, scores: null }, 'scores'],
    ['more than 50 criteria', { ...valid, scores: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 1])) }, 'scores'],
    ['submit missing', { scores: { technical: 5 }, comment: 'ok' }, 'submit'],
    ['submit as a string', { ...valid, submit: 'true' }, 'submit'],
    ['a comment over 10,000 characters', { ...valid, comment: 'x'.repeat(10_001) }, 'comment'],
    ['an unknown field', { ...valid, total: 100 }, 'total'],
  ])('PUT review with %s → 400', async (_name, body, field) => {
    expectInvalid(await review(body), field);
  });

  it('PUT review with scores that do not fit the scorecard → 422 naming each', async () => {
    const max = challenge.scorecard.criteria[0];
    const r = await review({ scores: { [max.key]: max.maxScore + 1, nonsense: 1 }, comment: '', submit: false });
    expectProblem(r, 422, 'RULE_VIOLATION');
    expect(r.body.errors.map((e: Json) => e.field).sort()).toEqual([`scores.${max.key}`, 'scores.nonsense'].sort());
    const incomplete = await review({ scores: { [max.key]: 1 }, comment: '', submit: true });
    expectProblem(incomplete, 422, 'RULE_VIOLATION');
    expect((await review({ scores: { [max.key]: -0.5 }, comment: '', submit: false })).status).toBe(422);
  });

  it.each([
    ['an unknown reason', { reason: 'bored' }, 'reason'],
    ['no reason', {}, 'reason'],
    ['a detail over 2,000 characters', { reason: 'conflict', detail: 'x'.repeat(2001) }, 'detail'],
  ])('decline with %s → 400', async (_name, body, field) => {
    expectInvalid(await cs(reviewer).post(`/api/v1/reviews/assignments/${assignment.id}/decline`, body), field);
  });

  it.each([
    ['no bidIds', {}, 'bidIds'],
    ['an empty list', { bidIds: [] }, 'bidIds'],
    ['a non-UUID', { bidIds: ['bid-1'] }, 'bidIds'],
    ['a duplicate', { bidIds: ['0d6a2a5e-7c55-4f39-8d2a-5b0e1f2a3b4c', '0d6a2a5e-7c55-4f39-8d2a-5b0e1f2a3b4c'] }, 'bidIds'],
    ['a string instead of a list', { bidIds: '0d6a2a5e-7c55-4f39-8d2a-5b0e1f2a3b4c' }, 'bidIds'],
  ])('award with %s → 400', async (_name, body, field) => {
    expectInvalid(await cs(lead).post(`/api/v1/challenges/${challenge.id}/award`, body), field);
  });

  it.each([
    ['an empty reason', { reason: '', evidence: 'e' }, 'reason'],
    ['no evidence', { reason: 'r' }, 'evidence'],
    ['evidence over 20,000 characters', { reason: 'r', evidence: 'x'.repeat(20_001) }, 'evidence'],
    ['a bidId that is not a UUID', { reason: 'r', evidence: 'e', bidId: 'B-1' }, 'bidId'],
  ])('objection with %s → 400', async (_name, body, field) => {
    expectInvalid(await cs(lead).post(`/api/v1/challenges/${challenge.id}/objections`, body), field);
  });

  it.each([
    ['an unknown decision', { decision: 'maybe', note: 'n' }, 'decision'],
    ['no note', { decision: 'dismissed' }, 'note'],
  ])('resolve with %s → 400', async (_name, body, field) => {
    expectInvalid(await cs(admin).post(`/api/v1/objections/${randomUUID()}/resolve`, body), field);
  });

  it.each([
    ['GET /api/v1/reviewers?status=retired', (u: TestUser) => cs(u).get('/api/v1/reviewers?status=retired'), 'status'],
    ['GET /api/v1/reviewers?limit=0', (u: TestUser) => cs(u).get('/api/v1/reviewers?limit=0'), 'limit'],
    ['GET /api/v1/reviews/assignments?challengeId=x', (u: TestUser) => cs(u).get('/api/v1/reviews/assignments?challengeId=x'), 'challengeId'],
    ['GET /api/v1/objections?status=closed', (u: TestUser) => cs(u).get('/api/v1/objections?status=closed'), 'status'],
  ])('%s → 400', async (_name, call, field) => {
    expectInvalid(await call(admin), field);
  });

  it.each([
    ['GET /api/v1/reviews/assignments/not-a-uuid', () => cs(admin).get('/api/v1/reviews/assignments/not-a-uuid')],
    ['POST /api/v1/reviewers/not-a-uuid/approve', () => cs(admin).post('/api/v1/reviewers/not-a-uuid/approve')],
    ['GET /api/v1/challenges/not-a-uuid/result', () => cs().get('/api/v1/challenges/not-a-uuid/result')],
    ['GET /api/v1/bids/not-a-uuid/feedback', () => client(stack.biddingUrl, sme.token).get('/api/v1/bids/not-a-uuid/feedback')],
  ])('%s → 400', async (_name, call) => {
    expectProblem(await call(), 400, 'VALIDATION_FAILED');
  });
});
