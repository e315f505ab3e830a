import { DOCUMENT_TOP_TERMS, expertiseAffinity } from './index';

describe('expertiseAffinity', () => {
  const document = ['伺服', '电机', '控制器', '伺服', 'ethercat', '精度', '伺服', '电机'];

  it('is 0 without a shared term, and for empty inputs', () => {
    expect(expertiseAffinity(['区块链', '金融'], document)).toBe(0);
    expect(expertiseAffinity([], document)).toBe(0);
    expect(expertiseAffinity(['伺服'], [])).toBe(0);
  });

  it('is 100 when the expertise is exactly the document vocabulary', () => {
    expect(expertiseAffinity(['伺服', '电机', '控制器', 'ethercat', '精度'], document)).toBe(100);
    expect(expertiseAffinity(['精度', '伺服', '电机', 'ethercat', '控制器', '伺服'], document)).toBe(100); // order, repeats
  });

  it('is an integer in 0..100 that grows with the overlap', () => {
    const scores = [['伺服'], ['伺服', '电机'], ['伺服', '电机', '控制器'], ['伺服', '电机', '控制器', '精度']].map((terms) =>
      expertiseAffinity([...terms, '区块链'], document),
    );
    for (const score of scores) {
      expect(Number.isInteger(score)).toBe(true);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(100);
    }
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(new Set(scores).size).toBe(scores.length);
  });

  it('weighs focus and coverage equally: a narrow expert and a broad one', () => {
    // One of the document's five terms, nothing else known: focus 1; coverage 3 of 8 term occurrences.
    expect(expertiseAffinity(['伺服'], document)).toBe(Math.round((100 * (1 + 3 / 8)) / 2));
    // Everything in the document and as much again outside it: focus 1/2, coverage 1.
    expect(expertiseAffinity(['伺服', '电机', '控制器', 'ethercat', '精度', 'a', 'b', 'c', 'd', 'e'], document)).toBe(75);
  });

  it('weighs rare terms more when an idf is given', () => {
    const idf = (term: string) => ({ 伺服: 0.2, 电机: 0.2, ethercat: 5 })[term] ?? 1;
    const common = expertiseAffinity(['伺服', '区块链'], document, idf);
    const rare = expertiseAffinity(['ethercat', '区块链'], document, idf);
    expect(expertiseAffinity(['伺服', '区块链'], document)).toBe(expertiseAffinity(['ethercat', '区块链'], document) + 13); // default idf 1: tf counts
    expect(rare).toBeGreaterThan(common);
    // Weights that are zero, negative or not finite count 0.
    expect(expertiseAffinity(['x'], ['x', 'y'], (t) => (t === 'x' ? Number.NaN : 1))).toBe(0);
    expect(expertiseAffinity(['x'], ['x', 'y'], (t) => (t === 'x' ? -3 : 1))).toBe(0);
  });

  it(`looks at the document's top ${DOCUMENT_TOP_TERMS} terms for coverage`, () => {
    const long = Array.from({ length: 30 }, (_, i) => `t${i}`).flatMap((term, i) => (i < 10 ? [term, term] : [term]));
    // The ten repeated terms are the top terms: knowing all of them covers everything that counts.
    const top = Array.from({ length: 10 }, (_, i) => `t${i}`);
    expect(expertiseAffinity(top, long)).toBe(100);
    // Knowing ten terms outside the top: focus 1, coverage 0.
    expect(expertiseAffinity(Array.from({ length: 10 }, (_, i) => `t${20 + i}`), long)).toBe(50);
  });

  it('is deterministic', () => {
    const terms = ['伺服', '精度', '区块链'];
    expect(expertiseAffinity(terms, document)).toBe(expertiseAffinity([...terms].reverse(), [...document].reverse()));
  });
});
