/** The demo's end: award, publicity (公示) with an objection, the final result, feedback and the audit chain. */
import { DemoError, Json } from './api';
import { BIDDERS, smeByKey } from './cast';
import { clock, DemoContext, say, section, sme, waitForStatus } from './context';
import { keyValues, num, table, wrap } from './text';

/** How long the demo waits for publicity to end by itself; longer periods are explained instead. */
const MAX_PUBLICITY_WAIT_MS = 90_000;

export async function awardAndObject(ctx: DemoContext, ranking: Json[]): Promise<Json> {
  section(ctx, '授标与公示', 'Award and publicity (公示), with an objection');
  const winners = ranking.filter((i) => i.shortlisted).slice(0, ctx.challenge.maxWinners);
  const awarded = await ctx.api.post('awarding', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/award`, ctx.lead, { bidIds: winners.map((w) => w.bidId) });
  say(`  The lead awards ${winners.map((w) => w.organizationName).join(' and ')} (赛马制: ${winners.length} parallel winners): status ${awarded.status}.`);
  const result = await ctx.api.get('reading the public result', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/result`);
  say(
    '',
    '  Public result (no sign-in needed):',
    ...keyValues(
      [
        ['status', result.status],
        ['winners', result.winners.map((w: Json) => w.organizationName).join('、')],
        ['publicity ends', `${new Date(result.publicityEndsAt).toISOString()} (${clock(result.publicityEndsAt)} local)`],
        ['open objections', String(result.openObjections)],
      ],
      '    ',
    ),
  );

  const objectorRow = ranking.find((i) => !winners.some((w) => w.bidId === i.bidId));
  const objectorKey = objectorRow ? (ctx.bidderOf.get(objectorRow.bidId) as string) : BIDDERS[BIDDERS.length - 1].key;
  const against = winners[winners.length - 1];
  const objection = await ctx.api.post('filing an objection', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/objections`, sme(ctx, objectorKey), {
    reason: `对${against.organizationName}申报的同类项目业绩真实性存疑`,
    evidence: '公开渠道未检索到所述项目的验收报告（附检索记录说明）',
    bidId: against.bidId,
  }, 201);
  const during = await ctx.api.get('reading the public result', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/result`);
  say(
    '',
    `  ${smeByKey(objectorKey).name} objects to ${against.organizationName}'s award: objection ${objection.status}; open objections now ${during.openObjections}.`,
  );
  const listed = await ctx.api.get('listing objections', 'challenge', `/api/v1/objections?challengeId=${ctx.challenge.id}`, ctx.admin);
  for (const o of listed.items) say(`    admin sees: [${o.status}] ${o.reason} — evidence: ${o.evidence} (objector ${o.objectorId ? 'known to admins' : 'hidden'})`);
  const resolved = await ctx.api.post('dismissing the objection', 'challenge', `/api/v1/objections/${objection.id}/resolve`, ctx.admin, {
    decision: 'dismissed',
    note: '经核查，相关合同与验收报告真实有效，异议不成立。',
  });
  const after = await ctx.api.get('reading the public result', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/result`);
  say(`  The admin ${resolved.status} it: “${resolved.resolution?.note ?? ''}” — status ${after.status}, open objections ${after.openObjections}.`);
  return after;
}

export async function finalResult(ctx: DemoContext, result: Json): Promise<void> {
  section(ctx, '结果确定', 'The award becomes final');
  const endsAt = new Date(result.publicityEndsAt).getTime();
  if (endsAt - Date.now() > MAX_PUBLICITY_WAIT_MS) {
    say(
      `  Publicity runs until ${new Date(endsAt).toISOString()} (PUBLICITY_PERIOD_SECONDS of the running stack).`,
      '  With no upheld objection the worker makes the award final then (publicity → awarded) — the demo does not wait for it.',
      '  Run with --own-stack (15-second publicity) to see it happen.',
    );
    return;
  }
  say(`  Waiting for publicity to end at ${clock(result.publicityEndsAt)}…`);
  const done = await waitForStatus(ctx, 'awarded', Math.max(0, endsAt - Date.now()) + 60_000);
  const final = await ctx.api.get('reading the public result', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/result`);
  say(`  Status ${done.status} at ${clock(new Date())}: winners ${final.winners.map((w: Json) => w.organizationName).join('、')}; the other shortlisted bids are now rejected.`);
}

export async function showFeedback(ctx: DemoContext): Promise<void> {
  section(ctx, '评审反馈', "Every bidder's feedback (GET /api/v1/bids/:id/feedback)");
  const all: Array<{ key: string; f: Json }> = [];
  for (const b of BIDDERS) {
    const bid = ctx.bids.get(b.key) as Json;
    all.push({ key: b.key, f: await ctx.api.get(`reading the feedback of ${smeByKey(b.key).name}`, 'bidding', `/api/v1/bids/${bid.id}/feedback`, sme(ctx, b.key)) });
  }
  all.sort((a, b) => a.f.rank - b.f.rank);
  say(
    ...table(
      [{ header: '名次', align: 'right' }, { header: '投标企业 Bidder' }, { header: '得分', align: 'right' }, { header: '入围' }, { header: '中标' }, { header: '分项 Criteria (mean of reviewers)' }],
      all.map(({ key, f }) => [
        `${f.rank}/${f.of}`,
        smeByKey(key).name,
        num(f.score, 2),
        f.shortlisted ? '✓' : '—',
        f.awarded ? '✓' : '—',
        f.criteria.map((c: Json) => `${c.name} ${num(c.score)}/${c.maxScore}`).join(' · '),
      ]),
    ),
  );
  for (const { key, f } of all) {
    say('', `  ${smeByKey(key).name}`, ...wrap(f.reason, 100).map((l) => `    ${l}`));
    for (const comment of f.comments) say(...wrap(`“${comment}”`, 96).map((l, i) => `    ${i === 0 ? '· ' : '  '}${l}`));
  }
}

export async function verifyAudit(ctx: DemoContext): Promise<void> {
  section(ctx, '审计链', 'Audit: a hash-chained log anyone signed in can verify');
  const verifier = sme(ctx, BIDDERS[BIDDERS.length - 1].key);
  const verify = await ctx.api.get('verifying the audit chain', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/audit/verify`, verifier);
  const audit = await ctx.api.get('reading the audit log', 'challenge', `/api/v1/challenges/${ctx.challenge.id}/audit`, ctx.lead);
  say(
    ...keyValues([
      ['verified by', `${smeByKey(BIDDERS[BIDDERS.length - 1].key).name} (a bidder, not the owner)`],
      ['valid', String(verify.valid)],
      ['length', `${verify.length} events`],
      ['head', verify.head],
      ['brokenAt', String(verify.brokenAt ?? '—')],
    ]),
    '',
  );
  if (!verify.valid) throw new DemoError(`the audit chain does not verify (broken at ${verify.brokenAt})`);
  const counts = new Map<string, { count: number; first: number }>();
  for (const e of audit.items) {
    const entry = counts.get(e.action) ?? { count: 0, first: e.seq };
    entry.count += 1;
    counts.set(e.action, entry);
  }
  const rows = [...counts.entries()].sort((a, b) => a[1].first - b[1].first).map(([action, c]) => [action, String(c.count)]);
  say(...table([{ header: '事件 Action' }, { header: '次数 Count', align: 'right' }], rows));
  const bidEvents = audit.items.filter((e: Json) => e.action.startsWith('bid.') && e.contentHash);
  const matched = bidEvents.filter((e: Json) => [...ctx.bids.values()].some((b) => b.contentHash === e.contentHash)).length;
  say('', `  ${matched} of ${bidEvents.length} bid events carry the content hash of a bid as it was opened: the bids opened are the bids sealed.`);
}
