import { Accumulator, QUANTUM, TermDictionary } from './accumulators';
import { FieldedIndex } from './fielded-index';
import { DEFAULT_RANKING_PARAMETERS, withParameters } from './parameters';
import { QueryLookup } from './query-lookup';
import { RANKING_METHOD, RankingIndex } from './ranking-index';
import type { ChallengeQuery, EnterpriseDocument, RankedEnterprise } from './types';

function enterprise(id: string, fields: Partial<EnterpriseDocument> = {}): EnterpriseDocument {
  return {
    id,
    region: '350102',
    size: 'small',
    description: '',
    capabilities: [],
    industries: [],
    certifications: [],
    patents: [],
    pastProjects: [],
    ...fields,
  };
}

function query(fields: Partial<ChallengeQuery>): ChallengeQuery {
  return { title: '', description: '', tags: [], kpis: [], industry: null, ...fields };
}

const SERVO_SME = enterprise('sme-servo', {
  name: '闽江伺服',
  description: '专注工业自动化与电机驱动的中小企业',
  capabilities: ['伺服驱动', '运动控制'],
  industries: ['C3812'],
  pastProjects: [{ title: '伺服电机控制系统', description: '为数控机床研制伺服电机控制系统', year: 2023, client: '福建机床集团' }],
});
const UNRELATED = [
  enterprise('sme-food', { description: '食品加工与冷链物流', capabilities: ['冷链物流'], industries: ['C13'] }),
  enterprise('sme-textile', {
    description: '纺织面料印染',
    capabilities: ['印染'],
    pastProjects: [{ title: '印染废水处理', description: '印染废水处理工程', year: 2020, client: null }],
  }),
  enterprise('sme-software', { description: '企业管理软件与财务系统', capabilities: ['财务软件'] }),
  enterprise('sme-battery', { description: '锂电池材料', capabilities: ['锂电池'], industries: ['C38'] }),
];
const SERVO_QUERY = query({
  title: '高精度伺服电机控制器',
  description: '研制定位精度优于0.01毫米的伺服电机控制器',
  tags: ['伺服驱动'],
  industry: 'C38',
  issuer: '福建机床集团',
  year: 2025,
});

function build(docs: EnterpriseDocument[], options: ConstructorParameters<typeof RankingIndex>[0] = {}): RankingIndex {
  const index = new RankingIndex({ now: () => 2025, ...options });
  for (const doc of docs) index.upsert(doc);
  return index;
}

/** Everything a ranking says, for exact comparisons. */
const snapshot = (ranked: RankedEnterprise[]) => ranked.map((r) => ({ ...r }));

describe('RankingIndex', () => {
  it('ranks the SME with 伺服驱动 and a 伺服电机控制系统 project first for 高精度伺服电机控制器', () => {
    const index = build([...UNRELATED, SERVO_SME]);
    const ranked = index.rank(SERVO_QUERY);
    expect(ranked[0].enterpriseId).toBe('sme-servo');
    expect(ranked[0].rank).toBe(1);
    for (const other of ranked.slice(1)) expect(other.score).toBeLessThan(ranked[0].score / 2);
    expect(ranked[0].score).toBeGreaterThan(0);
    expect(ranked[0].score).toBeLessThanOrEqual(100);
  });

  it('explains the match: terms, capabilities, best project and signal contributions summing to the score', () => {
    const [top] = build([...UNRELATED, SERVO_SME]).rank(SERVO_QUERY);
    const { explanation } = top;
    expect(explanation.method).toBe(RANKING_METHOD);
    expect(explanation.matchedTerms).toEqual(expect.arrayContaining(['伺服', '伺服电机', '电机']));
    expect(explanation.matchedCapabilities).toEqual(['伺服驱动']);
    expect(explanation.bestProject).toEqual({ title: '伺服电机控制系统', year: 2023, score: expect.any(Number) });
    expect(explanation.summary).toContain('伺服电机控制系统');
    const signals = Object.fromEntries(explanation.signals.map((s) => [s.signal, s.contribution]));
    expect(Object.keys(signals)).toEqual([
      'text',
      'bestProject',
      'trackRecord',
      'issuerHistory',
      'capabilities',
      'industry',
      'certifications',
    ]);
    for (const signal of ['text', 'bestProject', 'trackRecord', 'issuerHistory', 'capabilities', 'industry']) {
      expect(signals[signal]).toBeGreaterThan(0);
    }
    expect(signals.certifications).toBe(0);
    const sum = explanation.signals.reduce((total, s) => total + s.contribution, 0);
    expect(sum).toBeCloseTo(top.score, 9);
    expect(explanation.signals.find((s) => s.signal === 'issuerHistory')?.detail).toContain('福建机床集团');
  });

  it('computes BM25 exactly as by hand (single field, k1 = 1.2, b = 0.75)', () => {
    // Corpus (one field): d1 = servo servo motor (3 terms), d2 = motor control (2), d3 = laser weld (2).
    // N = 3, avglen = 7/3.
    // idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)):
    //   idf(servo) = ln(1 + 2.5 / 1.5) = ln(2.666667) = 0.980829
    //   idf(motor) = ln(1 + 1.5 / 2.5) = ln(1.6)      = 0.470004
    // norm(d) = 1 − b + b × len / avglen: norm(d1) = 0.25 + 0.75 × 3 / (7/3) = 1.214286,
    //                                      norm(d2) = 0.25 + 0.75 × 2 / (7/3) = 0.892857
    // contribution = idf × (k1 + 1) × tfw / (k1 + tfw), tfw = tf / norm:
    //   d1 servo: tfw = 2 / 1.214286 = 1.647059 → 0.980829 × 2.2 × 1.647059 / 2.847059 = 1.248328
    //   d1 motor: tfw = 1 / 1.214286 = 0.823529 → 0.470004 × 2.2 × 0.823529 / 2.023529 = 0.420817
    //   d2 motor: tfw = 1 / 0.892857 = 1.12     → 0.470004 × 2.2 × 1.12 / 2.32       = 0.499176
    //   BM25(d1) = 1.248328 + 0.420817 = 1.669145; BM25(d2) = 0.499176; BM25(d3) = 0.
    const dictionary = new TermDictionary();
    const ids = (...terms: string[]) => terms.map((term) => dictionary.id(term));
    const params = { k1: 1.2, weights: [1], b: [0.75] };
    const index = new FieldedIndex(1, { ...params, referenceLengths: [2] });
    const d1 = index.add([ids('servo', 'servo', 'motor')]);
    const d2 = index.add([ids('motor', 'control')]);
    const d3 = index.add([ids('laser', 'weld')]);
    const idf = (df: number) => Math.log(1 + (3 - df + 0.5) / (df + 0.5));
    const servo = dictionary.id('servo');
    const motor = dictionary.id('motor');
    expect(idf(index.documentFrequency(servo))).toBeCloseTo(0.980829, 6);
    expect(idf(index.documentFrequency(motor))).toBeCloseTo(0.470004, 6);
    const lookup = new QueryLookup();
    lookup.reset([servo, motor]);
    const factors = Float64Array.of(idf(1) * 2.2, idf(2) * 2.2);
    const parts: Array<[number, number]> = [];
    const bm25 = (slot: number) =>
      index.score(slot, lookup, factors, new Float64Array(2), -1, params, { text: 0, extra: 0 }, (at, c) => parts.push([at, c / QUANTUM]))
        .text / QUANTUM;
    expect(bm25(d1)).toBeCloseTo(1.669145, 5);
    expect(parts).toEqual([
      [0, expect.closeTo(1.248328, 5)],
      [1, expect.closeTo(0.420817, 5)],
    ]);
    expect(bm25(d2)).toBeCloseTo(0.499176, 5);
    expect(bm25(d3)).toBe(0);
    // Candidate selection uses impacts against the reference length (2 here): d1 servo: tfw = 2 / (0.25 +
    // 0.75 × 3 / 2) = 1.454545 → 1.454545 / 2.654545 = 0.547945, × factor 2.157824 = 1.182369, plus d1 motor
    // tfw = 0.727273 → 0.377358 × 1.034008 = 0.390191: 1.572560 (within the 16-bit impact rounding).
    const acc = new Accumulator();
    acc.reset(index.capacity);
    index.accumulateImpacts(servo, factors[0], acc);
    index.accumulateImpacts(motor, factors[1], acc);
    expect(acc.score[d1]).toBeCloseTo(1.57256, 4);
    expect(acc.has(d3)).toBe(false);
  });

  it('turns BM25 into the bounded score as documented (text signal only)', () => {
    // Same corpus through RankingIndex, every signal but text weighted 0, only the description field.
    // Both query terms have the same query weight (title × 2 → 1 + ln 2), which cancels in
    // text = BM25 / Σ_t weight × idf(t) × (k1 + 1):
    //   d1: 1.669145 / (2.2 × (0.980829 + 0.470004)) = 1.669145 / 3.191832 = 0.522943
    //   score = 100 × (1 − exp(−0.522943 / 0.5)) = 100 × (1 − 0.351381) = 64.8619
    const parameters = withParameters(DEFAULT_RANKING_PARAMETERS, {
      profile: { weights: [1, 0, 0, 0, 0], b: [0.75, 0.75, 0.75, 0.75, 0.75] },
      weights: { text: 1, bestProject: 0, trackRecord: 0, issuerHistory: 0, capabilities: 0, industry: 0, certifications: 0 },
    });
    const index = build(
      [
        enterprise('d1', { description: 'servo servo motor' }),
        enterprise('d2', { description: 'motor controller' }),
        enterprise('d3', { description: 'laser welding' }),
      ],
      { parameters },
    );
    const ranked = index.rank(query({ title: 'servo motor' }));
    expect(ranked.map((r) => r.enterpriseId)).toEqual(['d1', 'd2']);
    expect(ranked[0].explanation.signals[0].contribution).toBeCloseTo(64.8619, 3);
    expect(ranked[0].score).toBeCloseTo(64.8619, 3);
    // d2: 0.499176 / 3.191832 = 0.156392 → 100 × (1 − exp(−0.312784)) = 100 × (1 − 0.731408) = 26.8592
    expect(ranked[1].score).toBeCloseTo(26.8592, 3);
  });

  it('gives the same ranking after incremental upserts and removals as a build from scratch', () => {
    const docs = syntheticCorpus(60);
    const incremental = new RankingIndex({ now: () => 2025 });
    for (const doc of docs) incremental.upsert({ ...doc, description: 'placeholder 占位' });
    for (const doc of docs) incremental.upsert(doc); // replace every one
    for (const doc of docs.slice(0, 20)) incremental.remove(doc.id);
    incremental.remove('never-added');
    for (const doc of docs.slice(0, 10)) incremental.upsert(doc); // back again, in new slots
    const final = [...docs.slice(0, 10), ...docs.slice(20)].reverse(); // the same documents, another order
    const scratch = build(final);
    expect(incremental.size).toBe(50);
    expect(incremental.has('doc-5')).toBe(true);
    expect(incremental.has('doc-15')).toBe(false);
    for (const q of [SERVO_QUERY, query({ title: 'laser welding robot', description: 'precision welding cell' }), query({ title: '锂电池 检测' })]) {
      expect(snapshot(incremental.rank(q, { limit: Infinity }))).toEqual(snapshot(scratch.rank(q, { limit: Infinity })));
    }
  });

  it('stays exact through slot compaction after many removals', () => {
    const docs = syntheticCorpus(1500);
    const index = build(docs);
    for (const doc of docs.slice(0, 1300)) index.remove(doc.id); // > 1024 dead slots: compaction
    const scratch = build(docs.slice(1300));
    const q = query({ title: '伺服电机 laser welding', tags: ['伺服驱动'] });
    expect(snapshot(index.rank(q, { limit: Infinity }))).toEqual(snapshot(scratch.rank(q, { limit: Infinity })));
  });

  it('is deterministic and scoreOne agrees with rank', () => {
    const docs = [...UNRELATED, SERVO_SME, ...syntheticCorpus(30)];
    const a = build(docs);
    const b = build([...docs].reverse());
    expect(snapshot(a.rank(SERVO_QUERY))).toEqual(snapshot(b.rank(SERVO_QUERY)));
    expect(snapshot(a.rank(SERVO_QUERY))).toEqual(snapshot(a.rank(SERVO_QUERY)));
    for (const ranked of a.rank(SERVO_QUERY, { limit: 10 })) {
      const one = a.scoreOne(SERVO_QUERY, ranked.enterpriseId);
      expect(one).toEqual({ ...ranked, rank: 0 });
    }
    expect(a.scoreOne(SERVO_QUERY, 'unknown')).toBeNull();
  });

  it('ranks ineligible enterprises with their reasons, or leaves them out with eligibleOnly', () => {
    const beijing = { ...SERVO_SME, id: 'sme-beijing', region: '110105' };
    const index = build([SERVO_SME, beijing, ...UNRELATED]);
    const q = { ...SERVO_QUERY, eligibility: { regions: ['35'], sizes: ['small' as const] } };
    const ranked = index.rank(q);
    const far = ranked.find((r) => r.enterpriseId === 'sme-beijing');
    expect(far).toMatchObject({ eligible: false, reasons: [{ rule: 'region', message: expect.stringContaining('110105') }] });
    expect(ranked.find((r) => r.enterpriseId === 'sme-servo')).toMatchObject({ eligible: true, reasons: [] });
    const eligibleOnly = index.rank(q, { eligibleOnly: true });
    expect(eligibleOnly.map((r) => r.enterpriseId)).not.toContain('sme-beijing');
    expect(eligibleOnly.every((r) => r.eligible)).toBe(true);
    expect(eligibleOnly.map((r) => r.rank)).toEqual(eligibleOnly.map((_, i) => i + 1));
  });

  it('counts issuer history and recency: a recent project for the issuer beats an old one for someone else', () => {
    const project = (year: number, client: string) => ({ title: 'laser welding cell', description: 'robotic laser welding', year, client });
    const recentForIssuer = enterprise('a-recent', { pastProjects: [project(2024, 'Department of Defense / Navy')] });
    const oldForOther = enterprise('b-old', { pastProjects: [project(2004, 'Department of Energy / Department of Energy')] });
    const index = build([oldForOther, recentForIssuer, ...UNRELATED]);
    const ranked = index.rank(query({ title: 'laser welding', issuer: 'Department of Defense / Department of Defense', year: 2025 }));
    expect(ranked.map((r) => r.enterpriseId)).toEqual(['a-recent', 'b-old']);
    const part = (r: RankedEnterprise, signal: string) => r.explanation.signals.find((s) => s.signal === signal)?.contribution;
    expect(part(ranked[0], 'issuerHistory')).toBeGreaterThan(0);
    expect(part(ranked[1], 'issuerHistory')).toBe(0);
    expect(part(ranked[0], 'trackRecord')).toBeGreaterThan(part(ranked[1], 'trackRecord') as number);
  });

  it('limits results, ranks ties by id and finds industry-only matches', () => {
    const twins = ['twin-b', 'twin-a', 'twin-c'].map((id) => enterprise(id, { description: 'laser welding' }));
    const index = build([...twins, enterprise('industry-only', { description: 'nothing relevant', industries: ['C3812'] })]);
    expect(index.rank(query({ title: 'laser' }), { limit: 2 }).map((r) => r.enterpriseId)).toEqual(['twin-a', 'twin-b']);
    const byIndustry = index.rank(query({ title: 'unmatched words', industry: 'C38' }));
    expect(byIndustry.map((r) => r.enterpriseId)).toEqual(['industry-only']);
    expect(index.rank(query({ title: '' }))).toEqual([]);
  });
});

/** Small deterministic mixed-language profiles. */
function syntheticCorpus(count: number): EnterpriseDocument[] {
  const topics = [
    ['伺服驱动', '伺服电机控制', '运动控制'],
    ['laser welding', 'robotic welding cell', 'laser cladding'],
    ['锂电池', '电池检测', '储能系统'],
    ['machine vision', 'defect detection', 'inspection'],
    ['数控机床', '精密加工', '五轴联动'],
  ];
  return Array.from({ length: count }, (_, i) => {
    const topic = topics[i % topics.length];
    return enterprise(`doc-${i}`, {
      description: `${topic[i % 3]} ${topic[(i + 1) % 3]} ${i % 7 === 0 ? 'precision' : ''}`,
      capabilities: [topic[(i + 2) % 3]],
      industries: [i % 2 === 0 ? 'C38' : 'C34'],
      certifications: i % 4 === 0 ? ['specialized-sme'] : [],
      pastProjects:
        i % 3 === 0
          ? [{ title: `${topic[0]} project ${i}`, description: topic.join(' '), year: 2015 + (i % 10), client: i % 2 ? '福建机床集团' : null }]
          : [],
    });
  });
}
