import type { AssignmentCandidate, AssignmentProblem } from './types';

// Built-ins used in hot loops are read once here: under Jest's vm sandbox every read of a global (Math,
// Number, Infinity) inside a loop goes through an interceptor and costs ~100× a local read.
const { floor, imul, max, min, round } = Math;

/** Deterministic PRNG (mulberry32): uniform numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticAssignmentOptions {
  bids: number;
  reviewers: number;
  /** Slots per bid (default 3). */
  slots?: number;
  /** Reviewer capacities are uniform integers in this range (default [11, 15]). */
  capacity?: [number, number];
  /** Topic clusters (default 12). */
  topics?: number;
  /** Share of pairs forbidden at random (default 0.02). */
  conflictRate?: number;
  /**
   * How reviewers' main topics are drawn: 'demand' (default) with the same skew as the bids' topics, as a pool
   * recruited for the demand would be; 'uniform' evenly, so the popular topics' reviewers are far
   * over-subscribed (a stress case where load limits bind hard).
   */
  reviewerTopics?: 'demand' | 'uniform';
  seed?: number;
}

/**
 * A reviewer-assignment instance with structure, for tests and the benchmark. Every bid has a main and a
 * second topic, the main one drawn with a skew (topic t weighs 1/(t+1)^0.7); every reviewer has a main topic
 * (see `reviewerTopics`), a different second topic (uniform) and a seniority in [0.75, 1]. The affinity is seniority × (80 main/main, 55 reviewer's second/main, 45 main/bid's second,
 * 30 second/second, 12 otherwise) plus uniform noise in −12..12, clamped to 0..100. A share
 * `conflictRate` of the pairs is forbidden (left out of the candidates).
 */
export function syntheticAssignmentProblem(options: SyntheticAssignmentOptions): AssignmentProblem {
  const { bids: bidCount, reviewers: reviewerCount, slots = 3, capacity = [11, 15], topics = 12, conflictRate = 0.02 } = options;
  const reviewerTopics = options.reviewerTopics ?? 'demand';
  const random = seededRandom(options.seed ?? 1);
  const int = (low: number, high: number) => low + floor(random() * (high - low + 1));

  const popularity = Array.from({ length: topics }, (_, t) => 1 / (t + 1) ** 0.7);
  const total = popularity.reduce((sum, w) => sum + w, 0);
  const skewedTopic = () => {
    let x = random() * total;
    for (let t = 0; t < topics; t++) {
      x -= popularity[t];
      if (x < 0) return t;
    }
    return topics - 1;
  };
  const otherTopic = (t: number) => (t + int(1, topics - 1)) % topics;

  const reviewers = Array.from({ length: reviewerCount }, (_, r) => {
    const main = reviewerTopics === 'uniform' ? int(0, topics - 1) : skewedTopic();
    return { id: `reviewer-${r}`, capacity: int(capacity[0], capacity[1]), main, second: otherTopic(main), seniority: 0.75 + 0.25 * random() };
  });
  const bids = Array.from({ length: bidCount }, (_, b) => {
    const main = skewedTopic();
    return { id: `bid-${b}`, slots, main, second: otherTopic(main) };
  });

  const candidates: AssignmentCandidate[] = [];
  for (let b = 0; b < bidCount; b++) {
    const bid = bids[b];
    for (let r = 0; r < reviewerCount; r++) {
      const reviewer = reviewers[r];
      const noise = int(-12, 12);
      if (random() < conflictRate) continue;
      let base = 12;
      if (reviewer.main === bid.main) base = 80;
      else if (reviewer.second === bid.main) base = 55;
      else if (reviewer.main === bid.second) base = 45;
      else if (reviewer.second === bid.second) base = 30;
      const affinity = min(100, max(0, round(reviewer.seniority * base + noise)));
      candidates.push({ bid: b, reviewer: r, affinity });
    }
  }
  return {
    bids: bids.map(({ id, slots: s }) => ({ id, slots: s })),
    reviewers: reviewers.map(({ id, capacity: c }) => ({ id, capacity: c })),
    candidates,
  };
}
