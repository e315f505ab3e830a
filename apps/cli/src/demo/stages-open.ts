/** The demo up to the deadline: participants, profiles, the challenge, matching, eligibility, sealed bids, advice. */
import { DemoAccounts } from './accounts';
import { Actor, Api, DemoError, Json, waitFor } from './api';
import { BIDDERS, LEAD, REVIEWERS, SMES, smeByKey } from './cast';
import { clock, DemoContext, say, section, sme } from './context';
import { bidBody, challengeBody } from './script';
import { keyValues, num, table, wrap, yuan } from './text';

const SIZE = { micro: '微型', small: '小型', medium: '中型', large: '大型' } as const;
const CERT: Record<string, string> = { 'specialized-sme': '专精特新', 'little-giant': '小巨人', 'high-tech': '高新', 'tech-sme': '科技型' };
const certs = (list: string[]) => list.map((c) => CERT[c] ?? c).join('、') || '—';
const short = (key: string) => smeByKey(key).short;

/** Reviewers of earlier demo runs would join this run's pool: the admin suspends them first (a running stack only). */
async function retireEarlierDemoReviewers(api: Api, admin: Actor, domain: string): Promise<number> {
  let retired = 0;
  let cursor: string | null = null;
  const earlier: string[] = [];
  do {
    const page: Json = await api.get('listing approved reviewers', 'challenge', `/api/v1/reviewers?status=approved&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, admin);
    for (const r of page.items) if (String(r.email).endsWith(`@${domain}`)) earlier.push(r.id);
    cursor = page.nextCursor;
  } while (cursor);
  for (const id of earlier) {
    await api.post('suspending a reviewer of an earlier demo run', 'challenge', `/api/v1/reviewers/${id}/suspend`, admin);
    retired += 1;
  }
  return retired;
}

/** Accounts for everyone, created directly (no HTTP registration, so no login throttle); reviewers approved over HTTP. */
export async function createParticipants(api: Api, accounts: DemoAccounts, mode: DemoContext['mode'], domain: string): Promise<DemoContext> {
  const admin = await accounts.admin();
  const me = await api.raw('challenge', 'GET', '/api/v1/auth/me', { as: admin });
  if (me.status !== 200) {
    throw new DemoError(
      `the stack at ${api.challengeUrl} rejected the demo admin's token (${me.status} ${me.body?.detail ?? ''}).\n` +
        '  The demo writes accounts to DATABASE_URL and signs tokens with JWT_SECRET/JWT_ISSUER/JWT_AUDIENCE of its own environment:\n' +
        '  run it with the same settings as the running stack, or pass --own-stack.',
    );
  }
  const ctx: DemoContext = {
    api,
    accounts,
    mode,
    admin,
    lead: await accounts.enterprise('lead', 'lead', LEAD.contact, LEAD),
    smes: new Map(),
    reviewers: new Map(),
    challenge: null,
    bids: new Map(),
    bidderOf: new Map(),
    section: 0,
  };
  section(ctx, '参与方', 'Participants');
  if (mode === 'running') {
    const retired = await retireEarlierDemoReviewers(api, admin, domain);
    if (retired > 0) say(`  (the admin suspended ${retired} reviewer(s) left by earlier demo runs, so only this run's reviewers are in the pool)`);
  }
  for (const s of SMES) ctx.smes.set(s.key, await accounts.enterprise('sme', s.key, s.contact, s));
  for (const r of REVIEWERS) {
    const affiliations = r.affiliatedWith.map((key) => sme(ctx, key).creditCode as string);
    const account = await accounts.reviewer(r.key, r.name, r.expertise, affiliations);
    await api.post(`approving reviewer ${r.name}`, 'challenge', `/api/v1/reviewers/${account.id}/approve`, admin);
    ctx.reviewers.set(r.key, account);
  }
  say(
    ...keyValues([
      ['发榜方 Lead', `${LEAD.name}（${LEAD.regionName}，${ctx.lead.creditCode}）联系人 ${LEAD.contact}`],
      ['平台运营 Admin', `${admin.email}${admin.created ? '' : ' (kept from an earlier run)'}`],
      ['揭榜方 SMEs', `${SMES.length} enterprises, profiles below`],
      ['评审专家 Reviewers', `${REVIEWERS.length}, approved by the admin over HTTP`],
    ]),
    '',
    ...table(
      [{ header: '评审专家 Reviewer' }, { header: '职称 Title' }, { header: '专长 Expertise', max: 34 }, { header: '关联企业 Affiliation' }],
      REVIEWERS.map((r) => [r.name, r.title, r.expertise.join('、'), r.affiliatedWith.map((k) => `${short(k)}（${sme(ctx, k).creditCode}）`).join('') || '—']),
    ),
    '',
    `  Accounts were written straight to the database and their tokens minted with the platform's TokenService,`,
    `  so the login throttle is never touched. Every account of this run signs in with the password ${accounts.password}`,
    `  (emails end in .${accounts.tag}@${domain}).`,
  );
  return ctx;
}

export async function saveProfiles(ctx: DemoContext): Promise<void> {
  section(ctx, '企业画像', 'Enterprise profiles (PUT /api/v1/enterprise-profile)');
  for (const s of SMES) await ctx.api.put(`saving the profile of ${s.name}`, 'bidding', '/api/v1/enterprise-profile', sme(ctx, s.key), s.profile);
  say(
    ...table(
      [{ header: '企业 Enterprise' }, { header: '地区 Region' }, { header: '规模' }, { header: '行业' }, { header: '资质 Certifications', max: 24 }, { header: '能力 Capabilities', max: 34 }],
      SMES.map((s) => [s.name, `${s.region} ${s.regionName}`, SIZE[s.size], s.profile.industries.join(','), certs(s.profile.certifications), s.profile.capabilities.join('、')]),
    ),
  );
}

export async function publishChallenge(ctx: DemoContext, deadlineSeconds: number): Promise<void> {
  section(ctx, '发榜', 'The lead posts and publishes a challenge');
  const draft = await ctx.api.post('creating the challenge', 'challenge', '/api/v1/challenges', ctx.lead, challengeBody(deadlineSeconds * 1000), 201);
  ctx.challenge = await ctx.api.post('publishing the challenge', 'challenge', `/api/v1/challenges/${draft.id}/publish`, ctx.lead);
  const c = ctx.challenge;
  say(
    ...keyValues([
      ['榜单 Title', c.title],
      ['状态 Status', `${c.status} (id ${c.id})`],
      ['行业 Industry', `${c.industry}（通用设备制造业）  tags: ${c.tags.join('、')}`],
      ['榜金 Reward', yuan(c.rewardYuan)],
      ['资格 Eligibility', `regions ${c.eligibility.regions.join(', ')} (福建省 Fujian)`],
      ['截止 Deadline', `${clock(c.bidDeadline)} (in ${deadlineSeconds} s)`],
      ['规则 Rules', `up to ${c.maxWinners} winners (赛马制), shortlist ${c.shortlistSize}, passing score ${c.passingScore}, ${c.review.reviewersPerBid} reviewers per bid, blind review ${c.review.blind ? 'on' : 'off'}`],
      ['评分表 Scorecard', c.scorecard.criteria.map((k: Json) => `${k.name} ${k.weight}%`).join(' · ')],
    ]),
    '',
    ...table(
      [{ header: '技术指标 KPI' }, { header: '目标 Target' }, { header: '必须 Mandatory' }],
      c.kpis.map((k: Json) => [k.name, `${k.target} ${k.unit ?? ''}`.trim(), k.mandatory ? 'yes' : 'no']),
    ),
  );
}

export async function showMatches(ctx: DemoContext): Promise<void> {
  section(ctx, '智能匹配', 'Matching: SMEs ranked against the challenge, with reasons');
  const path = `/api/v1/challenges/${ctx.challenge.id}/matches`;
  const matches: Json[] = await waitFor('the matching worker to rank SMEs for the challenge', async () => {
    const body = await ctx.api.get('reading the matches', 'challenge', path, ctx.lead);
    return body.items.length > 0 ? body.items : undefined;
  });
  // Against a shared database the ranking also holds other SMEs (earlier demo runs, imports): show this run's.
  const ours = new Set([...ctx.smes.values()].map((a) => a.organizationId));
  const top = matches.filter((m) => ours.has(m.organizationId)).slice(0, 5);
  if (matches.length > ctx.smes.size) {
    say(`  ${matches.length} SMEs on the platform ranked; shown: the best 5 of this run's (# is the platform-wide rank).`, '');
  }
  say(
    ...table(
      [{ header: '#', align: 'right' }, { header: '企业 Enterprise' }, { header: '得分 Score', align: 'right' }, { header: '资格 Eligible' }],
      top.map((m) => [String(m.rank), m.organizationName, num(m.score), m.eligible ? 'yes' : 'NO']),
    ),
    '',
  );
  for (const m of top) {
    say(`  #${m.rank} ${m.organizationName}`);
    const summary = String(m.explanation.summary);
    say(...wrap(summary.startsWith(m.organizationName) ? summary.slice(m.organizationName.length).trim() : summary, 100).map((l) => `     ${l}`));
    if (!m.eligible && Array.isArray(m.explanation.reasons)) say(...m.explanation.reasons.map((r: Json) => `     ✗ ${r.message ?? r}`));
  }
  const notified: string[] = [];
  for (const s of SMES) {
    const inbox = await ctx.api.get('reading notifications', 'challenge', '/api/v1/notifications?limit=100', sme(ctx, s.key));
    if (inbox.items.some((n: Json) => n.type === 'challenge.matched' && n.challengeId === ctx.challenge.id)) notified.push(s.short);
  }
  say('', ...wrap(`Notified (challenge.matched, eligible SMEs only): ${notified.length > 0 ? notified.join('、') : 'none yet'}`, 104).map((l) => `  ${l}`));
}

export async function submitBids(ctx: DemoContext): Promise<void> {
  section(ctx, '资格预审与密封投标', 'Eligibility pre-check and sealed bids');
  const outsider = SMES.find((s) => !s.region.startsWith('35')) ?? SMES[0];
  const check = await ctx.api.get('checking eligibility', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/eligibility`, sme(ctx, outsider.key));
  say(`  ${outsider.name}（${outsider.regionName}）asks whether it may bid: eligible = ${check.eligible}`);
  for (const r of check.reasons) say(`     ✗ [${r.rule}] ${r.message}`);
  const refused = await ctx.api.raw('bidding', 'POST', '/api/v1/bids', { as: sme(ctx, outsider.key), body: bidBody(ctx.challenge, 'jingchi') });
  say(`  It bids anyway: ${refused.status} ${refused.body?.code ?? ''} — ${refused.body?.detail ?? ''}`, '');
  if (refused.status !== 422) throw new DemoError(`an ineligible SME's bid answered ${refused.status}, expected 422 NOT_ELIGIBLE`);

  const rows: string[][] = [];
  for (const b of BIDDERS) {
    const account = sme(ctx, b.key);
    const eligible = await ctx.api.get('checking eligibility', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/eligibility`, account);
    if (!eligible.eligible) throw new DemoError(`${smeByKey(b.key).name} is unexpectedly not eligible`);
    const bid = await ctx.api.post(`submitting the bid of ${smeByKey(b.key).name}`, 'bidding', '/api/v1/bids', account, bidBody(ctx.challenge, b.key), 201);
    ctx.bids.set(b.key, bid);
    ctx.bidderOf.set(bid.id, b.key);
    rows.push([smeByKey(b.key).name, yuan(bid.priceYuan), `${bid.durationDays} d`, clock(bid.submittedAt), `${bid.contentHash.slice(0, 16)}…`]);
  }
  say(
    ...table(
      [{ header: '投标企业 Bidder' }, { header: '报价 Price', align: 'right' }, { header: '工期', align: 'right' }, { header: '提交 At' }, { header: '内容哈希 Content hash (in the audit chain)' }],
      rows,
    ),
  );
  const sealed = await ctx.api.raw('bidding', 'GET', `/api/v1/bids?challengeId=${ctx.challenge.id}`, { as: ctx.lead });
  const seen = await ctx.api.get('reading the challenge', 'challenge', `/api/v1/challenges/${ctx.challenge.id}`);
  say(
    '',
    `  Sealed: the lead asking for the bids gets ${sealed.status} ${sealed.body?.code ?? ''}; the public challenge shows bidCount = ${seen.bidCount}.`,
  );
}

export async function showAssessments(ctx: DemoContext): Promise<void> {
  section(ctx, '辅助评估', 'Advisory assessments by the worker (never part of the official ranking)');
  const rows: string[][] = [];
  for (const b of BIDDERS) {
    const bid = ctx.bids.get(b.key) as Json;
    const a = await waitFor(`the advisory assessment of ${smeByKey(b.key).name}'s bid`, async () => {
      const body = await ctx.api.get('reading an assessment', 'bidding', `/api/v1/bids/${bid.id}/assessment`, sme(ctx, b.key));
      return body.status === 'done' ? body : undefined;
    });
    rows.push([smeByKey(b.key).name, num(a.total), num(a.fit?.score), num(a.price?.score), num(a.duration?.score), a.price?.flag ?? '']);
  }
  say(
    ...table(
      [
        { header: '投标企业 Bidder' },
        { header: '总分 Total', align: 'right' },
        { header: '契合 Fit', align: 'right' },
        { header: '价格 Price', align: 'right' },
        { header: '工期 Duration', align: 'right' },
        { header: '提示 Flag' },
      ],
      rows,
    ),
  );
}
