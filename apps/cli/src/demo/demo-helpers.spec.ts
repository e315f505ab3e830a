import { isValidCreditCode, isValidIndustryCode, makeCreditCode } from '@jiebang/domain';
import { BIDDERS, REVIEWERS, SMES, smeByKey } from './cast';
import { bidBody, challengeBody, reviewComment, reviewScores, SCORECARD, unitHash } from './script';
import { displayWidth, heading, padEnd, padStart, table, truncate, wrap } from './text';

describe('demo text', () => {
  it('counts CJK and full-width characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('伺服驱动')).toBe(8);
    expect(displayWidth('定位精度 ≤±0.005 mm')).toBe(8 + 1 + 7 + 1 + 2);
    expect(displayWidth('（福州）、')).toBe(10);
    expect(displayWidth('e\u0301')).toBe(1); // combining accent
  });

  it('pads by display width, not by string length', () => {
    expect(padEnd('精驰', 6)).toBe('精驰  ');
    expect(padStart('42', 5)).toBe('   42');
    expect(displayWidth(padEnd('厦门精驰伺服', 20))).toBe(20);
    expect(padEnd('too long', 3)).toBe('too long');
  });

  it('truncates to a width with an ellipsis, never splitting a wide character', () => {
    expect(truncate('伺服驱动、运动控制', 9)).toBe('伺服驱动…');
    expect(displayWidth(truncate('伺服驱动、运动控制', 9))).toBeLessThanOrEqual(9);
    expect(truncate('short', 10)).toBe('short');
  });

  it('wraps Latin text at spaces and CJK text between characters', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    const lines = wrap('技术路线成熟，定位精度与带宽指标论证充分', 10);
    expect(lines.join('')).toBe('技术路线成熟，定位精度与带宽指标论证充分');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(10);
    expect(wrap('', 10)).toEqual([]);
    expect(wrap('伺服、运动、控制', 4)).toEqual(['伺服、', '运动、', '控制']); // closing punctuation never starts a line
  });

  it('aligns table columns by display width, right-aligning numbers', () => {
    const lines = table(
      [{ header: 'Name' }, { header: 'Score', align: 'right' }],
      [
        ['厦门精驰伺服', '86.3'],
        ['abc', '7'],
      ],
      '',
    );
    expect(lines).toEqual(['Name          Score', '────────────  ─────', '厦门精驰伺服   86.3', 'abc               7']);
    const widths = lines.map(displayWidth);
    expect(new Set(widths).size).toBe(1);
  });

  it('underlines a heading across its display width', () => {
    const [, title, rule] = heading(3, '发榜', 'The challenge is published to everyone who may want to bid');
    expect(title).toBe('3. 发榜 The challenge is published to everyone who may want to bid');
    expect(rule.length).toBe(displayWidth(title));
  });
});

describe('demo script', () => {
  it('writes reviews on half points within the scorecard, the same on every run, lower for the harsh reviewer', () => {
    const fair = REVIEWERS.find((r) => r.key === 'lin') as (typeof REVIEWERS)[number];
    const harsh = REVIEWERS.find((r) => r.key === 'wu') as (typeof REVIEWERS)[number];
    const scores = reviewScores(SCORECARD.criteria, 0.9, fair, 'jingchi');
    expect(Object.keys(scores)).toEqual(SCORECARD.criteria.map((c) => c.key));
    for (const value of Object.values(scores)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(10);
      expect(value * 2).toBe(Math.round(value * 2));
    }
    expect(reviewScores(SCORECARD.criteria, 0.9, fair, 'jingchi')).toEqual(scores);
    const sum = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);
    expect(sum(reviewScores(SCORECARD.criteria, 0.7, harsh, 'hengrui'))).toBeLessThan(sum(reviewScores(SCORECARD.criteria, 0.7, fair, 'hengrui')));
    expect(reviewScores(SCORECARD.criteria, 1.2, fair, 'x').technical).toBe(10);
  });

  it('gives a bid’s reviewers different comments', () => {
    const comments = [0, 1, 2].map((nth) => reviewComment('lin', 'jingchi', nth).comment);
    expect(new Set(comments).size).toBe(3);
    expect(reviewComment('wu', 'minxi', 0).privateNote).toMatch(/^内部备注/);
  });

  it('hashes strings into [0, 1)', () => {
    for (const text of ['', 'a', 'lin|jingchi|technical', '伺服']) {
      expect(unitHash(text)).toBeGreaterThanOrEqual(0);
      expect(unitHash(text)).toBeLessThan(1);
    }
    expect(unitHash('a')).not.toBe(unitHash('b'));
  });

  it('builds a challenge with weights summing to 100 and a deadline in the future', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const body = challengeBody(25_000, now);
    expect(body.scorecard.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
    expect(body.bidDeadline).toBe('2025-01-01T00:00:25.000Z');
    expect(body.shortlistSize).toBeGreaterThanOrEqual(body.maxWinners);
    expect(isValidIndustryCode(body.industry)).toBe(true);
  });

  it('builds bids that answer every KPI, pay 100% and finish within their duration', () => {
    const kpis = challengeBody(1000).kpis.map((k, i) => ({ ...k, id: `00000000-0000-4000-8000-00000000000${i}` }));
    for (const bidder of BIDDERS) {
      const bid = bidBody({ id: 'c', kpis }, bidder.key);
      expect(bid.kpiResponses.map((r) => r.kpiId)).toEqual(kpis.map((k) => k.id));
      expect(bid.milestones.reduce((s, m) => s + m.paymentPercent, 0)).toBe(100);
      for (const m of bid.milestones) expect(m.dueDay).toBeLessThanOrEqual(bid.durationDays);
      expect(bid.team.length).toBeGreaterThan(0);
    }
  });
});

describe('demo cast', () => {
  it('has twelve SMEs with valid regions, industries and credit codes, two of them outside Fujian', () => {
    expect(SMES).toHaveLength(12);
    expect(new Set(SMES.map((s) => s.key)).size).toBe(12);
    for (const s of SMES) {
      expect(s.region).toMatch(/^\d{6}$/);
      expect(isValidCreditCode(makeCreditCode(12_345_678, s.region))).toBe(true);
      for (const code of s.profile.industries) expect(isValidIndustryCode(code)).toBe(true);
    }
    expect(SMES.filter((s) => !s.region.startsWith('35')).length).toBe(2);
  });

  it('lets only Fujian SMEs bid, and affiliates one reviewer with a bidder', () => {
    for (const b of BIDDERS) expect(smeByKey(b.key).region.startsWith('35')).toBe(true);
    const affiliated = REVIEWERS.flatMap((r) => r.affiliatedWith);
    expect(affiliated.length).toBe(1);
    expect(BIDDERS.map((b) => b.key)).toContain(affiliated[0]);
  });
});
