import type { EnterpriseDocument } from '../ranking/types';
import { AssessedBid, AssessedChallenge, assessBid, ASSESSMENT_METHOD } from './assess-bid';

const challenge: AssessedChallenge = {
  title: '高精度伺服电机控制器',
  description: '研制定位精度优于0.01毫米的伺服电机控制器,支持EtherCAT总线通信。',
  tags: ['伺服驱动', 'EtherCAT'],
  kpis: [
    { id: 'k1', name: '定位精度', target: '≤0.01 mm', mandatory: true },
    { id: 'k2', name: '响应时间', target: '≤1 ms', mandatory: false },
  ],
  rewardYuan: 2_000_000,
  eligibility: { regions: ['35'] },
};

const enterprise: EnterpriseDocument = {
  id: 'org-1',
  region: '350102',
  size: 'small',
  description: '伺服驱动研发',
  capabilities: ['伺服驱动', '运动控制'],
  industries: ['C38'],
  certifications: [],
  patents: [],
  pastProjects: [],
};

const relevant: AssessedBid = {
  summary: '基于EtherCAT的高精度伺服电机控制器方案',
  technicalApproach: '采用双闭环伺服控制算法,定位精度达到0.008毫米,响应时间小于1毫秒。',
  priceYuan: 1_800_000,
  durationDays: 180,
  kpiResponses: [
    { kpiId: 'k1', commitment: '定位精度 0.008 mm' },
    { kpiId: 'k2', commitment: '响应时间 0.8 ms' },
  ],
  milestones: [
    { title: '样机', dueDay: 90, paymentPercent: 40 },
    { title: '验收', dueDay: 180, paymentPercent: 60 },
  ],
};

describe('assessBid', () => {
  it('scores a relevant, well-priced bid highly and explains each part', () => {
    const result = assessBid({ challenge, enterprise, bid: relevant });
    expect(result.method).toBe(ASSESSMENT_METHOD);
    expect(result.eligible).toBe(true);
    expect(result.price).toMatchObject({ flag: null, score: 100 });
    expect(result.fit.kpisAnswered).toBe(2);
    expect(result.fit.matchedTerms).toEqual(expect.arrayContaining(['伺服']));
    expect(result.duration.score).toBe(100);
    expect(result.total).toBeGreaterThan(70);
    expect(result.explanation.parts).toHaveLength(4);
    expect(result.explanation.summary).toContain(`${result.total}/100`);
  });

  it('gives a relevant bid a better fit than an unrelated one', () => {
    const unrelated = { ...relevant, summary: '冷链物流仓储改造', technicalApproach: '建设冷库与配送中心。', kpiResponses: [] };
    const other = { ...enterprise, capabilities: ['食品加工'] };
    expect(assessBid({ challenge, enterprise, bid: relevant }).fit.score).toBeGreaterThan(
      assessBid({ challenge, enterprise: other, bid: unrelated }).fit.score + 30,
    );
  });

  it('flags an abnormally low price and a price over budget', () => {
    const low = assessBid({ challenge, enterprise, bid: { ...relevant, priceYuan: 400_000 } });
    expect(low.price.flag).toBe('abnormally-low');
    expect(low.price.ratio).toBeCloseTo(0.2);
    expect(low.explanation.summary).toContain('abnormally low');
    const high = assessBid({ challenge, enterprise, bid: { ...relevant, priceYuan: 2_400_000 } });
    expect(high.price.flag).toBe('over-budget');
    expect(high.price.score).toBe(60);
  });

  it('reports eligibility failures and halves the total', () => {
    const far = { ...enterprise, region: '110105' };
    const eligible = assessBid({ challenge, enterprise, bid: relevant });
    const ineligible = assessBid({ challenge, enterprise: far, bid: relevant });
    expect(ineligible.eligible).toBe(false);
    expect(ineligible.reasons).toEqual([expect.objectContaining({ rule: 'region' })]);
    expect(ineligible.total).toBeCloseTo(eligible.total / 2, 0);
  });

  it('marks a schedule whose milestones fall after the duration', () => {
    const late = assessBid({ challenge, enterprise, bid: { ...relevant, durationDays: 100 } });
    expect(late.duration.score).toBe(20);
    expect(late.explanation.summary).toContain('schedule');
  });

  it('is deterministic', () => {
    expect(assessBid({ challenge, enterprise, bid: relevant })).toEqual(assessBid({ challenge, enterprise, bid: relevant }));
  });
});
