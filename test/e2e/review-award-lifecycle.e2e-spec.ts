import { aggregateReviews, AggregationInput } from '@jiebang/matching';
import { bidBody, challengeBody, createAdmin, registerLead, registerReviewer, registerSme, TestUser } from '../support/actors';
import { client, eventually, Json } from '../support/http';
import { approvedReviewer, assignmentsOf, scoresAt, submitAllReviews, waitForStatus } from '../support/lifecycle';
import { startStack, Stack } from '../support/stack';

/**
 * The fair half of 揭榜挂帅 over HTTP with the worker (PRODUCT.md steps 5–8): close → reviewer assignment
 * (conflicts, a pending reviewer left out, decline and replacement) → blind review → aggregation → shortlist →
 * award → an objection upheld against a bid → a new award → an objection against the result that blocks
 * finalisation until it is dismissed → awarded; feedback for every bidder; audit verified and the ranking
 * recomputed from the chain. Two more challenges cover automatic finalisation and a failed review.
 */
describe('review, ranking, award and publicity (large)', () => {
  let stack: Stack;
  let admin: TestUser, lead: TestUser, outsider: TestUser;
  let smes: TestUser[];
  let reviewers: TestUser[];
  let conflicted: TestUser, pending: TestUser;

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);

  /** Publishes a challenge (deadline in `deadlineMs`) and has each SME bid; returns the challenge and bids by SME. */
  async function publishWithBids(bidders: TestUser[], deadlineMs: number, overrides: Json = {}): Promise<{ challenge: Json; bids: Json[] }> {
    const created = await cs(lead).post('/api/v1/challenges', challengeBody(deadlineMs, overrides));
    expect(created.status).toBe(201);
    const challenge = (await cs(lead).post(`/api/v1/challenges/${created.body.id}/publish`)).body;
    const bids: Json[] = [];
    for (const sme of bidders) {
      const r = await bs(sme).post('/api/v1/bids', bidBody(challenge, { summary: `伺服控制方案 ${sme.email}` }));
      expect(r.status).toBe(201);
      bids.push(r.body);
    }
    return { challenge, bids };
  }

  beforeAll(async () => {
    stack = await startStack({ env: { PUBLICITY_PERIOD_SECONDS: '4', LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' } });
    admin = await createAdmin(stack);
    [lead, outsider, ...smes] = await Promise.all([registerLead(stack), registerSme(stack), ...[0, 1, 2, 3, 4].map(() => registerSme(stack))]);
    reviewers = await Promise.all([
      approvedReviewer(stack, admin, ['伺服控制', '运动控制', 'EtherCAT']),
      approvedReviewer(stack, admin, ['伺服电机', '控制器']),
      approvedReviewer(stack, admin, ['电机驱动', '精密定位']),
      approvedReviewer(stack, admin, ['食品安全']),
    ]);
    conflicted = await approvedReviewer(stack, admin, ['伺服控制', '伺服电机', '运动控制', '控制器', '精度'], [smes[0].creditCode as string]);
    reviewers.push(conflicted);
    pending = await registerReviewer(stack, ['伺服控制', '伺服电机']);
  }, 120_000);
  afterAll(() => stack?.close());

  it('walks a challenge from close to awarded, with decline, objections, feedback and a verifiable audit', async () => {
    const [a, b, c, d] = smes;
    const { challenge, bids } = await publishWithBids([a, b, c, d], 6000, {
      maxWinners: 2,
      shortlistSize: 3,
      passingScore: 60,
      review: { reviewersPerBid: 3, blind: true },
    });
    const bidOf = new Map([a, b, c, d].map((sme, i) => [sme.id, bids[i]]));
    const [bidA, bidB, bidC, bidD] = [a, b, c, d].map((sme) => bidOf.get(sme.id));

    // ── assignment ──
    await waitForStatus(stack, challenge.id, 'reviewing');
    const all = await cs(admin).get(`/api/v1/reviews/assignments?challengeId=${challenge.id}&limit=100`);
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(12);
    const perBid = new Map<string, string[]>();
    for (const item of all.body.items) perBid.set(item.bidId, [...(perBid.get(item.bidId) ?? []), item.reviewerId]);
    for (const bid of bids) expect(new Set(perBid.get(bid.id)).size).toBe(3);
    expect(perBid.get(bidA.id)).not.toContain(conflicted.id); // affiliated with bidder A
    expect(all.body.items.map((i: Json) => i.reviewerId)).not.toContain(pending.id); // never approved
    const notified = await cs(reviewers[0]).get('/api/v1/notifications');
    expect(notified.body.items.map((n: Json) => n.type)).toContain('review.assigned');

    // ── blind review: nothing identifies the bidder ──
    const mine = await assignmentsOf(stack, reviewers[0], challenge.id);
    const detail = await cs(reviewers[0]).get(`/api/v1/reviews/assignments/${mine[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.bid).not.toHaveProperty('organizationId');
    expect(detail.body.bid).not.toHaveProperty('organizationName');
    expect(detail.body.bid).not.toHaveProperty('creditCode');
    expect(detail.body.bid.team.every((t: Json) => t.name === undefined)).toBe(true);
    const bidder = smes.find((s) => bidOf.get(s.id)?.id === mine[0].bidId) as TestUser;
    expect(JSON.stringify(detail.body)).not.toContain(bidder.creditCode);
    expect(detail.body.scorecard.criteria.length).toBeGreaterThan(0);

    // ── decline and replacement ──
    const declining = reviewers.find((r) => all.body.items.some((i: Json) => i.reviewerId === r.id && i.bidId === bidB.id)) as TestUser;
    const target = (await assignmentsOf(stack, declining, challenge.id)).find((x) => x.bidId === bidB.id);
    const declined = await cs(declining).post(`/api/v1/reviews/assignments/${target.id}/decline`, { reason: 'conflict', detail: '曾为该企业顾问' });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    const replaced = await eventually(async () => {
      const r = await cs(admin).get(`/api/v1/reviews/assignments?challengeId=${challenge.id}&limit=100`);
      const live = r.body.items.filter((i: Json) => i.bidId === bidB.id && i.status !== 'declined');
      return live.length === 3 ? live : undefined;
    });
    expect(replaced.map((i: Json) => i.reviewerId)).not.toContain(declining.id);

    // ── reviews: drafts, range checks, submission; A 90, B 80, C 60, D 30 ──
    const draftTarget = (await assignmentsOf(stack, reviewers[0], challenge.id)).find((x) => x.status === 'assigned');
    const tooHigh = await cs(reviewers[0]).put(`/api/v1/reviews/assignments/${draftTarget.id}/review`, {
      scores: { technical: 11 },
      comment: '',
      submit: false,
    });
    expect(tooHigh.status).toBe(422);
    const draft = await cs(reviewers[0]).put(`/api/v1/reviews/assignments/${draftTarget.id}/review`, { scores: { technical: 5 }, comment: '草稿', submit: false });
    expect(draft.body).toMatchObject({ status: 'draft', total: null });
    const fraction = new Map([
      [bidA.id, 0.9],
      [bidB.id, 0.8],
      [bidC.id, 0.6],
      [bidD.id, 0.3],
    ]);
    await submitAllReviews(stack, reviewers, challenge.id, (bidId) => scoresAt(challenge, fraction.get(bidId) as number));
    const final = await cs(reviewers[0]).put(`/api/v1/reviews/assignments/${draftTarget.id}/review`, { scores: { technical: 1 }, comment: 'x', submit: true });
    expect(final.status).toBe(409);

    // ── aggregation → shortlisted ──
    await waitForStatus(stack, challenge.id, 'shortlisted');
    const ranking = await cs(lead).get(`/api/v1/challenges/${challenge.id}/ranking`);
    expect(ranking.status).toBe(200);
    expect(ranking.body.items.map((i: Json) => i.bidId)).toEqual([bidA.id, bidB.id, bidC.id, bidD.id]);
    expect(ranking.body.items.map((i: Json) => i.shortlisted)).toEqual([true, true, true, false]);
    expect(ranking.body.items[0]).toMatchObject({ rank: 1, score: 90, interval: [90, 90], reviewCount: 3 });
    expect(ranking.body.items[3].flags).toContain('below-passing');
    const reviews = await cs(lead).get(`/api/v1/challenges/${challenge.id}/reviews`);
    expect(reviews.body.items).toHaveLength(12);
    expect(new Set(reviews.body.items.map((r: Json) => r.reviewer)).size).toBeGreaterThanOrEqual(3);
    expect(reviews.body.items.every((r: Json) => /^Reviewer \d+$/.test(r.reviewer) && r.reviewerId === undefined)).toBe(true);
    expect(reviews.body.items[0].privateNote).toMatch(/^PRIVATE-NOTE/);
    expect((await cs(lead).get('/api/v1/notifications')).body.items.map((n: Json) => n.type)).toContain('challenge.shortlisted');
    expect((await bs(d).get(`/api/v1/bids/${bidD.id}`)).body.status).toBe('rejected');
    expect((await bs(a).get(`/api/v1/bids/${bidA.id}/feedback`)).status).toBe(409); // not before publicity

    // ── award → publicity ──
    const tooMany = await cs(lead).post(`/api/v1/challenges/${challenge.id}/award`, { bidIds: [bidA.id, bidB.id, bidC.id] });
    expect(tooMany.status).toBe(422);
    const notShortlisted = await cs(lead).post(`/api/v1/challenges/${challenge.id}/award`, { bidIds: [bidD.id] });
    expect(notShortlisted.status).toBe(422);
    const award1 = await cs(lead).post(`/api/v1/challenges/${challenge.id}/award`, { bidIds: [bidA.id, bidB.id] });
    expect(award1.status).toBe(200);
    expect(award1.body.status).toBe('publicity');
    const result1 = await client(stack.challengeUrl).get(`/api/v1/challenges/${challenge.id}/result`);
    expect(result1.body.winners.map((w: Json) => w.bidId).sort()).toEqual([bidA.id, bidB.id].sort());
    expect((await cs(b).get('/api/v1/notifications')).body.items.map((n: Json) => n.type)).toContain('bid.awarded');
    expect((await cs(c).get('/api/v1/notifications')).body.items.map((n: Json) => n.type)).toContain('bid.not-awarded');

    // ── objection against bid B upheld → B disqualified, back to shortlisted ──
    const objection1 = await cs(d).post(`/api/v1/challenges/${challenge.id}/objections`, { reason: 'B 的业绩材料不实', evidence: '附件: 合同编号不符', bidId: bidB.id });
    expect(objection1.status).toBe(201);
    expect(objection1.body.objectorId).toBeUndefined();
    const listed = await cs(lead).get(`/api/v1/objections?challengeId=${challenge.id}`);
    expect(listed.body.items.map((o: Json) => o.id)).toEqual([objection1.body.id]);
    expect(listed.body.items[0].objectorId).toBeUndefined();
    const upheld = await cs(admin).post(`/api/v1/objections/${objection1.body.id}/resolve`, { decision: 'upheld', note: '经核实属实' });
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({ status: 'upheld', objectorId: d.id, resolution: { decision: 'upheld' } });
    const again = await cs(admin).post(`/api/v1/objections/${objection1.body.id}/resolve`, { decision: 'dismissed', note: 'x' });
    expect(again.status).toBe(409);
    const afterUphold = await client(stack.challengeUrl).get(`/api/v1/challenges/${challenge.id}/result`);
    expect(afterUphold.body).toMatchObject({ status: 'shortlisted', winners: [{ bidId: bidA.id }] });
    expect((await bs(b).get(`/api/v1/bids/${bidB.id}`)).body.status).toBe('disqualified');

    // ── new award; an objection against the result blocks finalisation until dismissed ──
    const award2 = await cs(lead).post(`/api/v1/challenges/${challenge.id}/award`, { bidIds: [bidA.id, bidC.id] });
    expect(award2.status).toBe(200);
    const objection2 = await cs(outsider).post(`/api/v1/challenges/${challenge.id}/objections`, { reason: '评审程序有疑问', evidence: '说明' });
    expect(objection2.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 5500)); // publicity (4 s) ends while the objection is open
    const blocked = await client(stack.challengeUrl).get(`/api/v1/challenges/${challenge.id}/result`);
    expect(blocked.body).toMatchObject({ status: 'publicity', openObjections: 1 });
    const late = await cs(outsider).post(`/api/v1/challenges/${challenge.id}/objections`, { reason: '太晚', evidence: 'x' });
    expect(late.status).toBe(409);
    const dismissed = await cs(admin).post(`/api/v1/objections/${objection2.body.id}/resolve`, { decision: 'dismissed', note: '程序合规' });
    expect(dismissed.status).toBe(200);
    const finalResult = await client(stack.challengeUrl).get(`/api/v1/challenges/${challenge.id}/result`);
    expect(finalResult.body).toMatchObject({ status: 'awarded', openObjections: 0 });
    expect(finalResult.body.winners.map((w: Json) => w.bidId).sort()).toEqual([bidA.id, bidC.id].sort());

    // ── feedback for every bidder ──
    const feedback = async (sme: TestUser, bid: Json) => (await bs(sme).get(`/api/v1/bids/${bid.id}/feedback`)).body;
    const fa = await feedback(a, bidA);
    expect(fa).toMatchObject({ rank: 1, of: 4, score: 90, shortlisted: true, awarded: true });
    expect(fa.criteria.map((x: Json) => x.key)).toEqual(challenge.scorecard.criteria.map((x: Json) => x.key));
    expect(fa.comments).toHaveLength(3);
    expect(fa.reason).toMatch(/chosen/);
    expect(await feedback(b, bidB)).toMatchObject({ rank: 2, awarded: false, reason: expect.stringMatching(/disqualified/) });
    expect(await feedback(c, bidC)).toMatchObject({ rank: 3, awarded: true });
    const fd = await feedback(d, bidD);
    expect(fd).toMatchObject({ rank: 4, of: 4, shortlisted: false, awarded: false, reason: expect.stringMatching(/passing score/) });
    const feedbackText = JSON.stringify([fa, fd]);
    expect(feedbackText).not.toContain('PRIVATE-NOTE');
    for (const r of reviewers) expect(feedbackText).not.toContain(r.id);
    expect((await bs(a).get(`/api/v1/bids/${bidB.id}/feedback`)).status).toBe(404); // someone else's

    // ── audit: valid chain; the ranking recomputes from what it froze ──
    const verify = await cs(outsider).get(`/api/v1/challenges/${challenge.id}/audit/verify`);
    expect(verify.body.valid).toBe(true);
    const audit = await cs(lead).get(`/api/v1/challenges/${challenge.id}/audit`);
    const actions = audit.body.items.map((e: Json) => e.action);
    for (const action of ['challenge.closed', 'reviews.assigned', 'challenge.reviewing', 'review.declined', 'review.submitted', 'challenge.ranked', 'challenge.shortlisted', 'challenge.publicity', 'objection.upheld', 'objection.dismissed', 'challenge.awarded']) {
      expect(actions).toContain(action);
    }
    const ranked = audit.body.items.find((e: Json) => e.action === 'challenge.ranked').data;
    expect(aggregateReviews(ranked.input as AggregationInput)).toEqual(ranked.result);
    expect(JSON.stringify(ranked)).not.toContain(reviewers[0].id); // reviewers appear under pseudonyms
  }, 120_000);

  it('finalises an award automatically when publicity ends with no objection', async () => {
    const { challenge, bids } = await publishWithBids([smes[4]], 3000, { review: { reviewersPerBid: 1, blind: false } });
    await waitForStatus(stack, challenge.id, 'reviewing');
    const [assignment] = (await cs(admin).get(`/api/v1/reviews/assignments?challengeId=${challenge.id}`)).body.items;
    const reviewer = reviewers.find((r) => r.id === assignment.reviewerId) as TestUser;
    const open = await cs(reviewer).get(`/api/v1/reviews/assignments/${assignment.id}`);
    expect(open.body.bid.organizationId).toBe(smes[4].organizationId); // not blind: the bidder is named
    await submitAllReviews(stack, [reviewer], challenge.id, () => scoresAt(challenge, 0.85));
    await waitForStatus(stack, challenge.id, 'shortlisted');
    expect((await cs(lead).post(`/api/v1/challenges/${challenge.id}/award`, { bidIds: [bids[0].id] })).status).toBe(200);
    await waitForStatus(stack, challenge.id, 'awarded', 20_000);
    expect((await bs(smes[4]).get(`/api/v1/bids/${bids[0].id}`)).body.status).toBe('awarded');
  }, 60_000);

  it('fails a challenge whose bids all stay below the passing score, with feedback for the bidder', async () => {
    const { challenge, bids } = await publishWithBids([smes[1]], 3000, { review: { reviewersPerBid: 2, blind: true }, passingScore: 70 });
    await waitForStatus(stack, challenge.id, 'reviewing');
    await submitAllReviews(stack, reviewers, challenge.id, () => scoresAt(challenge, 0.5));
    await waitForStatus(stack, challenge.id, 'failed');
    const feedback = await bs(smes[1]).get(`/api/v1/bids/${bids[0].id}/feedback`);
    expect(feedback.status).toBe(200);
    expect(feedback.body).toMatchObject({ rank: 1, of: 1, score: 50, shortlisted: false, reason: expect.stringMatching(/below the passing score of 70/) });
    expect((await cs(lead).post(`/api/v1/challenges/${challenge.id}/award`, { bidIds: [bids[0].id] })).status).toBe(409);
  }, 60_000);
});
