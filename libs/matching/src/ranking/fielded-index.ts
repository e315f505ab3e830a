import { type Accumulator, type Bm25fParameters, QUANTUM } from './accumulators';
import { ForwardStore } from './forward-store';

/**
 * An incrementally updatable index over documents with several text fields, scored exactly with BM25F.
 *
 * Two views of every document:
 *  - postings, for finding candidates: per term, the document slots (ascending) and beside each an *impact*
 *    — the term's BM25F saturation tfw / (k1 + tfw) computed against fixed reference field lengths, so it
 *    depends on the document alone (the same whatever was indexed before), quantised to 16 bits;
 *  - a forward index (`ForwardStore`): each document's distinct terms with their per-field frequencies, for
 *    exact scoring against the live statistics (`score`), removal and explanations.
 *
 * Updates: a document gets a fresh slot each time it is added; removing it marks the slot dead and lowers
 * every document frequency and field-length total at once, so the statistics are always exact. Dead
 * postings are skipped and purged from a list when they outnumber its live ones; slots are renumbered
 * (`compact`) when dead slots outnumber live ones. Both are amortised O(1) per update; nothing is rebuilt.
 */

interface PostingList {
  docs: Int32Array;
  impacts: Uint16Array;
  length: number;
  dead: number;
  /** Live postings: the term's document frequency. */
  df: number;
}

const IMPACT_SCALE = 0xffff;

/** Exact BM25F parts of one document for a query (quantised): its text score and capability share. */
export interface ExactScore {
  text: number;
  extra: number;
}

export class FieldedIndex {
  private lists: Array<PostingList | undefined> = [];
  private alive = new Uint8Array(64);
  private lengths: Uint32Array;
  private readonly forward: ForwardStore;
  private readonly totalLength: Float64Array;
  private slots = 0;
  private live = 0;
  private scratchStamp = new Uint32Array(1024);
  private scratchIndex = new Int32Array(1024);
  private scratchTf = new Uint16Array(1024);
  private scratchEpoch = 0;

  /**
   * @param impactParams BM25F weights, b and k1 for the postings' impacts, with `referenceLengths` (per
   *   field) standing in for the average lengths: only candidate selection uses impacts.
   */
  constructor(
    readonly fieldCount: number,
    private readonly impactParams: Bm25fParameters & { referenceLengths: readonly number[] },
  ) {
    this.lengths = new Uint32Array(64 * fieldCount);
    this.forward = new ForwardStore(fieldCount);
    this.totalLength = new Float64Array(fieldCount);
  }

  /** Slots handed out so far (live and dead): the size accumulators need. */
  get capacity(): number {
    return this.slots;
  }

  get liveCount(): number {
    return this.live;
  }

  get deadCount(): number {
    return this.slots - this.live;
  }

  isAlive(slot: number): boolean {
    return this.alive[slot] === 1;
  }

  documentFrequency(termId: number): number {
    return this.lists[termId]?.df ?? 0;
  }

  /** How many distinct terms `slot` has. */
  distinctTerms(slot: number): number {
    return this.forward.count(slot);
  }

  /** Adds a document given the term ids of each field (duplicates = frequency); returns its slot. */
  add(fields: ReadonlyArray<ArrayLike<number>>): number {
    const F = this.fieldCount;
    const slot = this.slots++;
    this.ensureSlotCapacity(this.slots);
    // Local term numbering through epoch-stamped scratch arrays indexed by term id (no Map per document).
    this.scratchEpoch += 1;
    if (this.scratchEpoch === 0xffffffff) {
      this.scratchStamp.fill(0);
      this.scratchEpoch = 1;
    }
    const epoch = this.scratchEpoch;
    const order: number[] = [];
    let tf = this.scratchTf;
    for (let f = 0; f < F; f++) {
      const ids = fields[f] ?? [];
      this.lengths[slot * F + f] = ids.length;
      this.totalLength[f] += ids.length;
      for (let i = 0; i < ids.length; i++) {
        const termId = ids[i];
        if (termId >= this.scratchStamp.length) this.growScratch(termId + 1);
        let index: number;
        if (this.scratchStamp[termId] === epoch) {
          index = this.scratchIndex[termId];
        } else {
          index = order.length;
          this.scratchStamp[termId] = epoch;
          this.scratchIndex[termId] = index;
          order.push(termId);
          if ((index + 1) * F > tf.length) {
            const grown = new Uint16Array(tf.length * 2);
            grown.set(tf);
            tf = this.scratchTf = grown;
          }
          tf.fill(0, index * F, index * F + F);
        }
        if (tf[index * F + f] < 0xffff) tf[index * F + f] += 1;
      }
    }
    const norm = new Float64Array(F * 3);
    const { weights, b, referenceLengths, k1 } = this.impactParams;
    for (let f = 0; f < F; f++) {
      norm[f * 3] = weights[f] ?? 0;
      norm[f * 3 + 1] = 1 - b[f];
      norm[f * 3 + 2] = b[f] / referenceLengths[f];
    }
    for (let index = 0; index < order.length; index++) {
      const tfw = weightedFrequency(tf, index * F, this.lengths, slot * F, F, norm);
      this.append(order[index], slot, Math.round((IMPACT_SCALE * tfw) / (k1 + tfw)));
    }
    this.forward.set(slot, order, tf);
    this.alive[slot] = 1;
    this.live += 1;
    this.version += 1;
    return slot;
  }

  /** Marks `slot` dead and takes it out of every statistic; its postings are purged lazily. */
  remove(slot: number): void {
    if (this.alive[slot] !== 1) return;
    const F = this.fieldCount;
    this.alive[slot] = 0;
    this.live -= 1;
    this.version += 1;
    for (let f = 0; f < F; f++) this.totalLength[f] -= this.lengths[slot * F + f];
    const start = this.forward.start(slot);
    for (const termId of this.forward.terms.subarray(start, start + this.forward.count(slot))) {
      const list = this.lists[termId] as PostingList;
      list.df -= 1;
      list.dead += 1;
      if (list.dead > list.df && list.dead >= 4) this.purge(list);
    }
  }

  /**
   * Candidate selection: adds `factor × impact` (impact in [0, 1)) for every live posting of `termId` to
   * the slot's score in `acc` (touching it). An approximation of BM25F used only to pick candidates.
   */
  accumulateImpacts(termId: number, factor: number, acc: Accumulator): void {
    const list = this.lists[termId];
    if (list === undefined || list.df === 0) return;
    const { docs, impacts, length } = list;
    const alive = this.alive;
    const { stamp, score, touched } = acc;
    const epoch = acc.epoch;
    const scale = factor / IMPACT_SCALE;
    for (let i = 0; i < length; i++) {
      const slot = docs[i];
      if (alive[slot] === 0) continue;
      if (stamp[slot] !== epoch) {
        stamp[slot] = epoch;
        score[slot] = scale * impacts[i];
        touched[acc.count++] = slot;
      } else {
        score[slot] += scale * impacts[i];
      }
    }
  }

  /**
   * Exact BM25F of one document from its own terms against the live statistics: Σ over its terms that
   * are query terms (`lookup` → position) of factor × tfw / (k1 + tfw), each quantised to `QUANTUM` (so the
   * sum is exact in any order), and the quantised `extras` of query terms present in `extraField`.
   * `onTerm` receives each matched term's position and contribution (explanations).
   */
  score(
    slot: number,
    lookup: { position(termId: number): number },
    factors: Float64Array,
    extras: Float64Array,
    extraField: number,
    params: Bm25fParameters,
    out: ExactScore,
    onTerm?: (position: number, contribution: number) => void,
  ): ExactScore {
    out.text = 0;
    out.extra = 0;
    if (this.alive[slot] !== 1) return out;
    const F = this.fieldCount;
    const { terms, tfs } = this.forward;
    const start = this.forward.start(slot);
    const end = start + this.forward.count(slot);
    const norm = this.normalisers(params);
    const k1 = params.k1;
    for (let i = start; i < end; i++) {
      const at = lookup.position(terms[i]);
      if (at < 0) continue;
      const tfw = weightedFrequency(tfs, i * F, this.lengths, slot * F, F, norm);
      const contribution = Math.round(((factors[at] * tfw) / (k1 + tfw)) * QUANTUM);
      out.text += contribution;
      if (extraField >= 0 && extras[at] !== 0 && tfs[i * F + extraField] !== 0) out.extra += extras[at];
      onTerm?.(at, contribution);
    }
    return out;
  }

  /** Purges dead postings and renumbers live slots densely, in order; returns old slot → new slot (or -1). */
  compact(): Int32Array {
    const F = this.fieldCount;
    const remap = new Int32Array(this.slots).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      if (this.alive[slot] !== 1) continue;
      remap[slot] = next;
      if (next !== slot) this.lengths.copyWithin(next * F, slot * F, slot * F + F);
      this.alive[next] = 1;
      next += 1;
    }
    this.alive.fill(0, next, this.slots);
    this.lengths.fill(0, next * F, this.slots * F);
    this.forward.compact(remap);
    this.slots = next;
    for (const list of this.lists) {
      if (list === undefined) continue;
      let out = 0;
      for (let i = 0; i < list.length; i++) {
        const to = remap[list.docs[i]];
        if (to < 0) continue;
        list.docs[out] = to;
        list.impacts[out] = list.impacts[i];
        out += 1;
      }
      list.length = out;
      list.dead = 0;
    }
    return remap;
  }

  /** Bumped by every add and remove: the statistics the normalisers derive from changed. */
  private version = 0;
  private normalisersCache: { params: Bm25fParameters; version: number; norm: Float64Array } | null = null;

  /** Per field: [weight, 1 − b, b / avglen] — recomputed only when the statistics or parameters change. */
  private normalisers(params: Bm25fParameters): Float64Array {
    const F = this.fieldCount;
    const cached = this.normalisersCache;
    if (cached !== null && cached.params === params && cached.version === this.version) return cached.norm;
    const norm = new Float64Array(F * 3);
    for (let f = 0; f < F; f++) {
      const average = this.live === 0 ? 0 : this.totalLength[f] / this.live;
      norm[f * 3] = params.weights[f] ?? 0;
      norm[f * 3 + 1] = 1 - params.b[f];
      norm[f * 3 + 2] = average > 0 ? params.b[f] / average : 0;
    }
    this.normalisersCache = { params, version: this.version, norm };
    return norm;
  }

  private append(termId: number, slot: number, impact: number): void {
    let list = this.lists[termId];
    if (list === undefined) {
      list = { docs: new Int32Array(4), impacts: new Uint16Array(4), length: 0, dead: 0, df: 0 };
      if (termId >= this.lists.length) this.lists.length = termId + 1;
      this.lists[termId] = list;
    }
    if (list.length === list.docs.length) {
      const docs = new Int32Array(list.docs.length * 2);
      docs.set(list.docs);
      const impacts = new Uint16Array(docs.length);
      impacts.set(list.impacts);
      list.docs = docs;
      list.impacts = impacts;
    }
    list.docs[list.length] = slot;
    list.impacts[list.length] = impact;
    list.length += 1;
    list.df += 1;
  }

  private purge(list: PostingList): void {
    let out = 0;
    for (let i = 0; i < list.length; i++) {
      if (this.alive[list.docs[i]] !== 1) continue;
      list.docs[out] = list.docs[i];
      list.impacts[out] = list.impacts[i];
      out += 1;
    }
    list.length = out;
    list.dead = 0;
  }

  private growScratch(size: number): void {
    const length = Math.max(size, this.scratchStamp.length * 2);
    const stamp = new Uint32Array(length);
    stamp.set(this.scratchStamp);
    this.scratchStamp = stamp;
    const index = new Int32Array(length);
    index.set(this.scratchIndex);
    this.scratchIndex = index;
  }

  private ensureSlotCapacity(slots: number): void {
    if (slots <= this.alive.length) return;
    const size = Math.max(slots, this.alive.length * 2);
    const alive = new Uint8Array(size);
    alive.set(this.alive);
    this.alive = alive;
    const lengths = new Uint32Array(size * this.fieldCount);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }
}

/** BM25F's pseudo-frequency: Σ_f weight_f × tf_f / (1 − b_f + b_f × len_f / avglen_f). */
function weightedFrequency(
  tfs: Uint16Array,
  at: number,
  lengths: Uint32Array,
  lengthAt: number,
  fieldCount: number,
  norm: Float64Array,
): number {
  let tfw = 0;
  for (let f = 0; f < fieldCount; f++) {
    const tf = tfs[at + f];
    if (tf !== 0) tfw += (norm[f * 3] * tf) / (norm[f * 3 + 1] + norm[f * 3 + 2] * lengths[lengthAt + f]);
  }
  return tfw;
}
