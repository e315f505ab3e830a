import { type Bm25fParameters, QUANTUM } from './accumulators';
import type { QueryLookup } from './query-lookup';

/** What is stored of one enterprise beside its postings: interned ids and each past project's terms. */
export interface EnterpriseFacts {
  industries: readonly number[];
  certifications: readonly number[];
  projects: ReadonlyArray<{ title: readonly number[]; description: readonly number[]; year: number; client: number }>;
}

const PROJECT_HEADER = 5; // distinct terms, title length, description length, year, client
const RECORD_HEADER = 3; // projects, industries, certifications

/**
 * Every enterprise's facts in one record of a shared `Int32Array` arena, so scoring a candidate reads one
 * contiguous stretch of memory (with 100k profiles, scattered small objects cost a cache and TLB miss each):
 *
 *   [projects P, industries I, certifications C, industry ids…, certification ids…,
 *    P × (distinct terms T, title length, description length, year, client, term ids × T, tfs × T)]
 *
 * where a tf entry packs the title frequency in the low and the description frequency in the high 16 bits.
 * Past projects are small forward documents (title, description) scored one by one with BM25F for the
 * best-project, track-record and issuer-history signals; only candidates' projects are ever scored, so they
 * need no postings. The store keeps their exact document frequencies and field-length totals on every add
 * and remove. Removed records leave holes, reclaimed by `compact` when they outnumber live data.
 */
export class FactStore {
  private data = new Int32Array(1 << 16);
  private used = 0;
  private garbage = 0;
  private df = new Int32Array(1024);
  private readonly totalLength = new Float64Array(2);
  private projects = 0;
  /** Scratch output of `scoreProjects`, per project of the record. */
  readonly scores: Float64Array = new Float64Array(0);
  readonly years: Int32Array = new Int32Array(0);
  readonly clients: Int32Array = new Int32Array(0);

  get projectCount(): number {
    return this.projects;
  }

  documentFrequency(termId: number): number {
    return termId >= 0 && termId < this.df.length ? this.df[termId] : 0;
  }

  /** Appends a record; returns its offset. */
  add(facts: EnterpriseFacts): number {
    const offset = this.used;
    this.push(facts.projects.length, facts.industries.length, facts.certifications.length);
    for (const id of facts.industries) this.push(id);
    for (const id of facts.certifications) this.push(id);
    for (const project of facts.projects) {
      const counts = new Map<number, number>();
      for (const id of project.title) counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const id of project.description) counts.set(id, (counts.get(id) ?? 0) + 0x10000);
      this.push(counts.size, project.title.length, project.description.length, project.year, project.client);
      for (const id of counts.keys()) {
        this.push(id);
        this.count(id, 1);
      }
      for (const packed of counts.values()) this.push(packed);
      this.totalLength[0] += project.title.length;
      this.totalLength[1] += project.description.length;
      this.projects += 1;
    }
    return offset;
  }

  /** Forgets the record at `offset` (statistics at once, space at the next `compact`). */
  remove(offset: number): void {
    const data = this.data;
    let at = offset + RECORD_HEADER + data[offset + 1] + data[offset + 2];
    for (let p = 0; p < data[offset]; p++) {
      const terms = data[at];
      for (let i = 0; i < terms; i++) this.count(data[at + PROJECT_HEADER + i], -1);
      this.totalLength[0] -= data[at + 1];
      this.totalLength[1] -= data[at + 2];
      this.projects -= 1;
      at += PROJECT_HEADER + 2 * terms;
    }
    this.garbage += at - offset;
  }

  /** Whether holes outnumber live data (then the owner should `compact`). */
  get sparse(): boolean {
    return this.garbage > Math.max(1 << 16, this.used - this.garbage);
  }

  /** Copies the records at `offsets` (all live ones) into a fresh arena, in order; returns their new offsets. */
  compact(offsets: readonly number[]): number[] {
    const data = new Int32Array(Math.max(1 << 16, (this.used - this.garbage) * 2));
    let used = 0;
    const moved = offsets.map((offset) => {
      const length = this.recordLength(offset);
      data.set(this.data.subarray(offset, offset + length), used);
      used += length;
      return used - length;
    });
    this.data = data;
    this.used = used;
    this.garbage = 0;
    return moved;
  }

  /** The highest `values[id]` over the record's industry ids (0 without any); no allocation. */
  maxOverIndustries(offset: number, values: Float64Array): number {
    let best = 0;
    const data = this.data;
    for (let i = offset + RECORD_HEADER, end = i + data[offset + 1]; i < end; i++) if (values[data[i]] > best) best = values[data[i]];
    return best;
  }

  /** The highest `values[id]` over the record's certification ids (0 without any); no allocation. */
  maxOverCertifications(offset: number, values: Float64Array): number {
    let best = 0;
    const data = this.data;
    for (let i = offset + RECORD_HEADER + data[offset + 1], end = i + data[offset + 2]; i < end; i++) {
      if (values[data[i]] > best) best = values[data[i]];
    }
    return best;
  }

  industries(offset: number): Int32Array {
    return this.data.subarray(offset + RECORD_HEADER, offset + RECORD_HEADER + this.data[offset + 1]);
  }

  certifications(offset: number): Int32Array {
    const start = offset + RECORD_HEADER + this.data[offset + 1];
    return this.data.subarray(start, start + this.data[offset + 2]);
  }

  /** Per field [weight, 1 − b, b / avglen] for `scoreProjects`. */
  normalisers(params: Bm25fParameters): Float64Array {
    const norm = new Float64Array(6);
    for (let f = 0; f < 2; f++) {
      const average = this.projects === 0 ? 0 : this.totalLength[f] / this.projects;
      norm[f * 3] = params.weights[f] ?? 0;
      norm[f * 3 + 1] = 1 - params.b[f];
      norm[f * 3 + 2] = average > 0 ? params.b[f] / average : 0;
    }
    return norm;
  }

  /**
   * Scores the record's projects: writes each one's quantised BM25F score (Σ over its terms that are query
   * terms, per `lookup`, of factor × tfw / (k1 + tfw), each rounded to `QUANTUM`), year and client into
   * `scores`, `years`, `clients`; returns the number of projects.
   */
  scoreProjects(offset: number, lookup: QueryLookup, factors: Float64Array, norm: Float64Array, k1: number): number {
    const data = this.data;
    const count = data[offset];
    this.ensureScratch(count);
    const { scores, years, clients } = this;
    let at = offset + RECORD_HEADER + data[offset + 1] + data[offset + 2];
    for (let p = 0; p < count; p++) {
      const terms = data[at];
      const titleNorm = norm[1] + norm[2] * data[at + 1];
      const descriptionNorm = norm[4] + norm[5] * data[at + 2];
      years[p] = data[at + 3];
      clients[p] = data[at + 4];
      const first = at + PROJECT_HEADER;
      let score = 0;
      for (let i = 0; i < terms; i++) {
        const position = lookup.position(data[first + i]);
        if (position < 0) continue;
        const packed = data[first + terms + i];
        const titleTf = packed & 0xffff;
        const descriptionTf = packed >>> 16;
        let tfw = 0;
        if (titleTf !== 0) tfw += (norm[0] * titleTf) / titleNorm;
        if (descriptionTf !== 0) tfw += (norm[3] * descriptionTf) / descriptionNorm;
        score += Math.round(((factors[position] * tfw) / (k1 + tfw)) * QUANTUM);
      }
      scores[p] = score;
      at = first + 2 * terms;
    }
    return count;
  }

  private recordLength(offset: number): number {
    const data = this.data;
    let at = offset + RECORD_HEADER + data[offset + 1] + data[offset + 2];
    for (let p = 0; p < data[offset]; p++) at += PROJECT_HEADER + 2 * data[at];
    return at - offset;
  }

  private push(...values: number[]): void {
    if (this.used + values.length > this.data.length) {
      const grown = new Int32Array(Math.max(this.used + values.length, this.data.length * 2));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    for (const value of values) this.data[this.used++] = value;
  }

  private count(termId: number, delta: number): void {
    if (termId >= this.df.length) {
      const grown = new Int32Array(Math.max(termId + 1, this.df.length * 2));
      grown.set(this.df);
      this.df = grown;
    }
    this.df[termId] += delta;
  }

  private ensureScratch(count: number): void {
    if (this.scores.length >= count) return;
    const size = Math.max(count, this.scores.length * 2, 64);
    Object.assign(this, { scores: new Float64Array(size), years: new Int32Array(size), clients: new Int32Array(size) });
  }
}
