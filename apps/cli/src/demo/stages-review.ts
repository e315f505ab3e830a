/** The demo from the deadline on: opening, assignment, decline, reviews, ranking. */
import { DemoAccount } from './accounts';
import { DemoError, Json, waitFor } from './api';
import { BIDDERS, REVIEWERS, smeByKey } from './cast';
import { clock, DemoContext, reviewer, reviewerKeyOf, say, section, waitForStatus } from './context';
import { reviewComment, reviewScores } from './script';
import { num, table } from './text';

const reviewerName = (ctx: DemoContext, userId: string) => REVIEWERS.find((r) => r.key === reviewerKeyOf(ctx, userId))?.name ?? `reviewer ${userId.slice(0, 8)}`;

async function allAssignments(ctx: DemoContext): Promise<Json[]> {
  const body = await ctx.api.get('listing the assignments', 'challenge', `/api/v1/reviews/assignments?challengeId=${ctx.challenge.id}&limit=100`, ctx.admin);
  for (const a of body.items) {
    if (a.status !== 'declined' && reviewerKeyOf(ctx, a.reviewerId) === undefined) {
      throw new DemoError(
        `reviewer ${a.reviewerId} (not one of this demo's) was assigned: the platform's reviewer pool holds other approved reviewers.\n` +
          '  The demo only acts for its own accounts; run it with --own-stack.',
      );
    }
  }
  return body.items;
}

export async function openAndAssign(ctx: DemoContext): Promise<void> {
  section(ctx, '截止开标与分配评审', 'Deadline, opening (开标) and reviewer assignment');
  const waitMs = Math.max(0, new Date(ctx.challenge.bidDeadline).getTime() - Date.now()) + 60_000;
  say(`  Waiting for the deadline (${clock(ctx.challenge.bidDeadline)}); the worker closes bidding by the database clock…`);
  const reviewing = await waitForStatus(
    ctx,
    'reviewing',
    waitMs,
    'a closed challenge waits while too few approved reviewers have free capacity (REVIEWER_MAX_LOAD); admins get review.shortage',
  );
  say(`  Closed at ${clock(reviewing.closedAt)}: ${reviewing.bidCount} live bids opened; reviewers assigned; status ${reviewing.status}.`);
  const opened = await ctx.api.get('the lead reading the opened bids', 'bidding', `/api/v1/bids?challengeId=${ctx.challenge.id}&limit=100`, ctx.lead);
  say(`  The lead can read the bids now: ${opened.items.length} (last revisions only).`, '');

  const items = await allAssignments(ctx);
  const rows = BIDDERS.map((b) => {
    const bid = ctx.bids.get(b.key) as Json;
    const mine = items.filter((a) => a.bidId === bid.id);
    return [smeByKey(b.key).name, mine.map((a) => `${reviewerName(ctx, a.reviewerId)}(${num(a.affinity, 0)})`).join(' · ')];
  });
  say(...table([{ header: '投标企业 Bid' }, { header: '评审专家（契合度）Reviewers (expertise affinity 0–100)' }], rows));
  for (const r of REVIEWERS.filter((x) => x.affiliatedWith.length > 0)) {
    for (const key of r.affiliatedWith) {
      const bid = ctx.bids.get(key);
      if (!bid) continue;
      const on = items.some((a) => a.bidId === bid.id && a.reviewerId === reviewer(ctx, r.key).id);
      say('', `  Conflict of interest: ${r.name} is affiliated with ${smeByKey(key).name} (credit code) and is ${on ? 'ON — unexpected!' : 'not'} among its reviewers.`);
      if (on) throw new DemoError(`a conflicted reviewer (${r.name}) was assigned to the affiliated bidder's bid`);
    }
  }
}

export async function declineOne(ctx: DemoContext): Promise<void> {
  section(ctx, '回避与替换', 'A reviewer declines for a conflict; a replacement is assigned');
  const bid = ctx.bids.get('dingxin') as Json;
  const before = await allAssignments(ctx);
  const target = before.find((a) => a.bidId === bid.id && a.status === 'assigned');
  if (!target) throw new DemoError('no open assignment on the bid chosen for the decline');
  const decliner = reviewerKeyOf(ctx, target.reviewerId) as string;
  await ctx.api.post('declining an assignment', 'challenge', `/api/v1/reviews/assignments/${target.id}/decline`, reviewer(ctx, decliner), {
    reason: 'conflict',
    detail: '近三年曾为该企业提供技术咨询服务',
  });
  say(`  ${reviewerName(ctx, target.reviewerId)} declines the review of ${smeByKey('dingxin').name}'s bid: conflict — 近三年曾为该企业提供技术咨询服务`);
  const replacement = await waitFor(`a replacement reviewer for ${smeByKey('dingxin').name}'s bid`, async () => {
    const live = (await allAssignments(ctx)).filter((a) => a.bidId === bid.id && a.status !== 'declined');
    const fresh = live.find((a) => !before.some((b) => b.id === a.id));
    return live.length >= ctx.challenge.review.reviewersPerBid && fresh ? fresh : undefined;
  });
  say(`  → replaced automatically by ${reviewerName(ctx, replacement.reviewerId)} (affinity ${num(replacement.affinity, 0)}); the decliner is never reassigned to it.`);
}

export async function submitReviews(ctx: DemoContext): Promise<void> {
  section(ctx, '盲评打分', 'Blind review: every reviewer scores their bids');
  const first = reviewer(ctx, REVIEWERS[0].key);
  const own = await ctx.api.get('listing own assignments', 'challenge', `/api/v1/reviews/assignments?challengeId=${ctx.challenge.id}&limit=100`, first);
  const open = own.items.find((a: Json) => a.status === 'assigned');
  if (open) {
    const detail = await ctx.api.get('reading an assignment', 'challenge', `/api/v1/reviews/assignments/${open.id}`, first);
    const identifying = ['organizationId', 'organizationName', 'creditCode'].filter((f) => f in detail.bid);
    say(
      `  What ${REVIEWERS[0].name} sees of a bid: ${Object.keys(detail.bid).join(', ')}`,
      `  team: ${detail.bid.team.map((t: Json) => t.name ?? `(${t.role})`).join(', ')} — ${identifying.length === 0 ? 'no name, organization or credit code of the bidder' : `IDENTIFYING: ${identifying.join(', ')}`}`,
      '',
    );
  }
  const totals = new Map<string, Map<string, number>>();
  for (const r of REVIEWERS) {
    const account: DemoAccount = reviewer(ctx, r.key);
    const mine = await ctx.api.get('listing own assignments', 'challenge', `/api/v1/reviews/assignments?challengeId=${ctx.challenge.id}&limit=100`, account);
    for (const a of mine.items.filter((x: Json) => x.status === 'assigned')) {
      const key = ctx.bidderOf.get(a.bidId) as string;
      const quality = BIDDERS.find((b) => b.key === key)?.quality ?? 0.5;
      const ofBid = totals.get(key) ?? new Map<string, number>();
      const body = { scores: reviewScores(ctx.challenge.scorecard.criteria, quality, r, key), ...reviewComment(r.key, key, ofBid.size), submit: true };
      const review = await ctx.api.put(`${r.name} submitting a review`, 'challenge', `/api/v1/reviews/assignments/${a.id}/review`, account, body);
      ofBid.set(r.key, review.total);
      totals.set(key, ofBid);
    }
  }
  say(
    '  Review totals Σ weight × score / max (0–100); 吴晓燕 is the harsh one:',
    '',
    ...table(
      [{ header: '投标企业 Bid' }, ...REVIEWERS.map((r) => ({ header: r.name, align: 'right' as const }))],
      BIDDERS.map((b) => [smeByKey(b.key).name, ...REVIEWERS.map((r) => num(totals.get(b.key)?.get(r.key)).replace('—', '·'))]),
    ),
  );
}

export async function showRanking(ctx: DemoContext): Promise<Json[]> {
  section(ctx, '汇总排名与入围', 'Aggregation, ranking and shortlist');
  await waitForStatus(ctx, 'shortlisted');
  const ranking = await ctx.api.get('reading the ranking', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/ranking`, ctx.lead);
  say(
    ...table(
      [
        { header: '名次', align: 'right' },
        { header: '投标企业 Bidder' },
        { header: '得分 Score', align: 'right' },
        { header: '90% 区间 Interval' },
        { header: '评审数', align: 'right' },
        { header: '标记 Flags' },
        { header: '入围 Shortlisted' },
      ],
      ranking.items.map((i: Json) => [
        String(i.rank),
        i.organizationName,
        num(i.score, 2),
        `[${num(i.interval[0])}, ${num(i.interval[1])}]`,
        String(i.reviewCount),
        i.flags.join(', ') || '—',
        i.shortlisted ? '✓ shortlisted' : `✗ ${i.status}`,
      ]),
    ),
    '',
    `  Method ${ranking.method}; ties break by first submission. The ranking and its inputs are frozen into the audit log.`,
  );
  return ranking.items;
}
