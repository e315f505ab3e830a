import { checkEligibility } from '../eligibility/eligibility';
import { defaultTokenizer, type Tokenizer } from '../text/tokenizer';
import { selectCandidates } from './candidates';
import { buildExplanation, type ProjectEvidence } from './explanation';
import { FactStore } from './fact-store';
import { Accumulator, SlotSet, TermDictionary } from './accumulators';
import { type ExactScore, FieldedIndex } from './fielded-index';
import { Interner } from './interner';
import { DEFAULT_RANKING_PARAMETERS, type RankingParameters } from './parameters';
import { bm25Idf, buildQueryTerms } from './query';
import { QueryLookup } from './query-lookup';
import { CAPABILITY_FIELD, PROFILE_FIELDS, type PreparedQuery, projectRelevance, scoreSignals, SIGNALS, signalRecord } from './scoring';
import {
  calibrateScore,
  certificationKey,
  certificationValue,
  dequantise,
  industryCode,
  industryMajorClass,
  industryMatch,
  isQualityMark,
  issuerMatch,
  organisationPath,
  quantise,
  recencyWeight,
} from './signals';
import { TopK } from './top-k';
import type { ChallengeQuery, EnterpriseDocument, RankedEnterprise, RankOptions } from './types';

/** Name and version of the ranking method; bump it whenever scores change. */
export const RANKING_METHOD = 'jiebang-rank/1';

const DEFAULT_LIMIT = 50;
const AGE_OFFSET = 64;
const AGE_SLOTS = 256;

export interface RankingIndexOptions {
  tokenizer?: Tokenizer;
  /** The current year, for recency when a query has no `year` (injectable for tests). */
  now?: () => number;
  /** Defaults to `DEFAULT_RANKING_PARAMETERS` (changing them changes the method). */
  parameters?: RankingParameters;
}

interface Entry {
  doc: EnterpriseDocument;
  slot: number;
  /** Offset of the enterprise's record in the fact store. */
  facts: number;
  industries: string[];
  capabilityTerms: number[][];
}

/** Per-query tables for the structured signals (indexed by interned id; NaN = not computed yet). */
interface QueryTables {
  /** Quantised capability-overlap share per query term (by position). */
  tagShares: Float64Array;
  projectNorm: Float64Array;
  recencyByAge: Float64Array;
  issuerByClient: Float64Array;
  industryByCode: Float64Array;
  certificationById: Float64Array;
}

/**
 * Ranks enterprise profiles for a challenge: BM25F over the whole profile, the best single past project,
 * track record, issuer history, capability overlap, industry and certifications (README "Ranking").
 * Updates are incremental (`upsert`, `remove`); every score is a sum of fixed-point parts, so it is exactly
 * the same whatever order the documents were added in and whichever path (`rank`, `scoreOne`) computed it.
 */
export class RankingIndex {
  private readonly tokenizer: Tokenizer;
  private readonly now: () => number;
  private readonly params: RankingParameters;
  private readonly dictionary = new TermDictionary();
  private readonly profiles: FieldedIndex;
  private readonly facts = new FactStore();
  private entries: Array<Entry | undefined> = [];
  /** Fact-store offset by profile slot (the hot path reads this, not the entries). */
  private factsAt = new Int32Array(1024);
  private readonly byId = new Map<string, Entry>();
  private readonly industryClasses = new Map<string, Set<number>>();
  private readonly clients = new Interner<string[]>();
  private readonly industryCodes = new Interner<string>();
  private readonly certificationIds = new Interner<{ key: string; terms: number[]; quality: boolean }>();
  // Per-query scratch, reused.
  private readonly acc = new Accumulator();
  private readonly candidates = new SlotSet();
  private readonly lookup = new QueryLookup();
  private readonly values = new Float64Array(SIGNALS.length);
  private readonly exact: ExactScore = { text: 0, extra: 0 };
  private readonly idOf = (slot: number) => (this.entries[slot] as Entry).doc.id;

  constructor(options: RankingIndexOptions = {}) {
    this.tokenizer = options.tokenizer ?? defaultTokenizer();
    this.now = options.now ?? (() => new Date().getUTCFullYear());
    this.params = options.parameters ?? DEFAULT_RANKING_PARAMETERS;
    this.profiles = new FieldedIndex(PROFILE_FIELDS.length, {
      ...this.params.profile,
      referenceLengths: this.params.candidates.referenceLengths,
    });
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * BM25 inverse document frequency of a term (as the tokenizer emits it) over the profiles; a term no
   * profile contains gets the highest value. For weighting terms outside ranking (`assessBid`'s `idf`).
   */
  idf(term: string): number {
    const termId = this.dictionary.lookup(term);
    return bm25Idf(this.profiles.liveCount, termId === undefined ? 0 : this.profiles.documentFrequency(termId));
  }

  /** Adds the document, or replaces the one with the same id; statistics stay exact, nothing is rebuilt. */
  upsert(doc: EnterpriseDocument): void {
    this.remove(doc.id);
    const ids = (text: string) => this.tokenizer.tokenize(text).map((term) => this.dictionary.id(term));
    const projects = doc.pastProjects.map((project) => ({
      title: ids(project.title),
      description: ids(project.description),
      year: project.year,
      client: this.clients.idOf(organisationPath(project.client), (path) => path.join('/'), (path) => path.length > 0),
    }));
    const capabilityTerms = doc.capabilities.map(ids);
    const slot = this.profiles.add([
      ids(doc.description),
      capabilityTerms.flat(),
      doc.patents.flatMap((patent) => ids(patent.title)),
      projects.flatMap((project) => project.title),
      projects.flatMap((project) => project.description),
    ]);
    const industries = [...new Set(doc.industries.map(industryCode).filter((code) => code.length > 0))];
    for (const code of industries) {
      const major = industryMajorClass(code);
      let members = this.industryClasses.get(major);
      if (members === undefined) this.industryClasses.set(major, (members = new Set()));
      members.add(slot);
    }
    const certifications = [...new Set(doc.certifications.map(certificationKey).filter((key) => key.length > 0))].map((key) =>
      this.certificationIds.idOf(
        { key, terms: [...new Set(ids(key))], quality: isQualityMark(key) },
        (certification) => certification.key,
      ),
    );
    const facts = this.facts.add({
      industries: industries.map((code) => this.industryCodes.idOf(code, (value) => value)),
      certifications,
      projects,
    });
    if (slot >= this.factsAt.length) {
      const grown = new Int32Array(Math.max(slot + 1, this.factsAt.length * 2));
      grown.set(this.factsAt);
      this.factsAt = grown;
    }
    this.factsAt[slot] = facts;
    const entry: Entry = { doc, slot, facts, industries, capabilityTerms };
    this.entries[slot] = entry;
    this.byId.set(doc.id, entry);
  }

  remove(id: string): void {
    const entry = this.byId.get(id);
    if (entry === undefined) return;
    this.byId.delete(id);
    this.entries[entry.slot] = undefined;
    this.profiles.remove(entry.slot);
    this.facts.remove(entry.facts);
    for (const code of entry.industries) this.industryClasses.get(industryMajorClass(code))?.delete(entry.slot);
    this.compactIfSparse();
  }

  /** Best first, ties by id; see `selectCandidates` for which enterprises are scored. */
  rank(query: ChallengeQuery, options: RankOptions = {}): RankedEnterprise[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const prepared = this.prepare(query);
    const { acc, candidates } = this;
    selectCandidates({
      prepared,
      profiles: this.profiles,
      params: this.params,
      acc,
      candidates,
      limit: options.exhaustive === true ? Infinity : limit,
      industryMembers:
        prepared.industry.length >= 3 ? this.industryClasses.get(industryMajorClass(prepared.industry)) : undefined,
      idOf: this.idOf,
    });
    const tables = this.tables(prepared);
    const top = new TopK(Math.max(0, Math.min(limit, candidates.count)), this.idOf);
    const rules = prepared.rules;
    const restricted = options.eligibleOnly === true && hasRestrictions(rules);
    const exact = this.exact;
    for (let i = 0; i < candidates.count; i++) {
      const slot = candidates.slots[i];
      this.profiles.score(slot, this.lookup, prepared.profileFactors, tables.tagShares, CAPABILITY_FIELD, this.params.profile, exact);
      const raw = this.score(prepared, tables, slot, exact.text, exact.extra, null, this.values);
      if (!top.accepts(raw, slot)) continue;
      if (restricted && !checkEligibility(rules, (this.entries[slot] as Entry).doc).eligible) continue;
      top.offer(slot, raw);
    }
    return top.sorted().map((item, i) => this.result(prepared, tables, this.entries[item.slot] as Entry, i + 1));
  }

  /** The score `rank` gives this enterprise for the query (rank 0: no ranking was made); null if unknown. */
  scoreOne(query: ChallengeQuery, enterpriseId: string): RankedEnterprise | null {
    const entry = this.byId.get(enterpriseId);
    if (entry === undefined) return null;
    const prepared = this.prepare(query);
    return this.result(prepared, this.tables(prepared), entry, 0);
  }

  private prepare(query: ChallengeQuery): PreparedQuery {
    const documents = this.profiles.liveCount;
    const profileIdf = (termId: number) => bm25Idf(documents, this.profiles.documentFrequency(termId));
    const terms = buildQueryTerms(query, this.tokenizer, this.dictionary, profileIdf, this.params.query);
    const profileFactors = new Float64Array(terms.length);
    const projectFactors = new Float64Array(terms.length);
    const projectCount = this.facts.projectCount;
    terms.forEach((term, i) => {
      profileFactors[i] = term.weight * profileIdf(term.termId) * (this.params.profile.k1 + 1);
      const projectIdf = bm25Idf(projectCount, this.facts.documentFrequency(term.termId));
      projectFactors[i] = term.weight * projectIdf * (this.params.project.k1 + 1);
    });
    return {
      query,
      terms,
      profileFactors,
      projectFactors,
      profileMax: profileFactors.reduce((sum, factor) => sum + factor, 0),
      projectMax: projectFactors.reduce((sum, factor) => sum + factor, 0),
      termIds: new Set(terms.map((term) => term.termId)),
      issuer: organisationPath(query.issuer),
      referenceYear: query.year ?? this.now(),
      industry: industryCode(query.industry),
      hasTags: terms.some((term) => term.tagShare > 0),
      rules: query.eligibility ?? {},
    };
  }

  private tables(prepared: PreparedQuery): QueryTables {
    this.lookup.reset(prepared.terms.map((term) => term.termId));
    return {
      tagShares: Float64Array.from(prepared.terms, (term) => quantise(term.tagShare)),
      projectNorm: this.facts.normalisers(this.params.project),
      recencyByAge: new Float64Array(AGE_SLOTS).fill(NaN),
      issuerByClient: new Float64Array(this.clients.size).fill(NaN),
      industryByCode: Float64Array.from(this.industryCodes.values(), (code) =>
        prepared.industry.length > 0 ? industryMatch(prepared.industry, code) : 0,
      ),
      certificationById: Float64Array.from(this.certificationIds.values(), (certification) =>
        certificationValue(certification, prepared.termIds),
      ),
    };
  }

  /**
   * The raw score of one enterprise from its quantised text and capability sums: scores its past projects
   * (best one, track record, issuer history; `evidence` receives each project's part when given), reads
   * its industries and certifications, and combines everything with `scoreSignals` into `values`.
   */
  private score(
    prepared: PreparedQuery,
    tables: QueryTables,
    slot: number,
    text: number,
    capabilityShare: number,
    evidence: ProjectEvidence[] | null,
    values: Float64Array,
  ): number {
    const { recencyHalfLifeYears, projectRelevance: relevanceParams, issuerHistory } = this.params;
    const store = this.facts;
    const offset = this.factsAt[slot];
    const count = store.scoreProjects(offset, this.lookup, prepared.projectFactors, tables.projectNorm, this.params.project.k1);
    let best = 0;
    let track = 0;
    let issuer = 0;
    for (let p = 0; p < count; p++) {
      const normalised = store.scores[p] > 0 && prepared.projectMax > 0 ? dequantise(store.scores[p]) / prepared.projectMax : 0;
      if (normalised > best) best = normalised;
      const relevance = normalised > 0 ? projectRelevance(normalised, relevanceParams) : 0;
      let trackPart = 0;
      let issuerPart = 0;
      if (relevance > 0) {
        const age = prepared.referenceYear - store.years[p];
        let recency = age + AGE_OFFSET >= 0 && age + AGE_OFFSET < AGE_SLOTS ? tables.recencyByAge[age + AGE_OFFSET] : NaN;
        if (Number.isNaN(recency)) {
          recency = recencyWeight(age, recencyHalfLifeYears);
          if (age + AGE_OFFSET >= 0 && age + AGE_OFFSET < AGE_SLOTS) tables.recencyByAge[age + AGE_OFFSET] = recency;
        }
        trackPart = quantise(recency * relevance);
        const client = store.clients[p];
        if (client >= 0 && prepared.issuer.length > 0) {
          let match = tables.issuerByClient[client];
          if (Number.isNaN(match)) {
            match = issuerMatch(prepared.issuer, this.clients.value(client), issuerHistory.parentAgencyCredit);
            tables.issuerByClient[client] = match;
          }
          if (match > 0) issuerPart = quantise(match * recency * relevance);
        }
      }
      track += trackPart;
      issuer += issuerPart;
      evidence?.push({ index: p, score: normalised, track: dequantise(trackPart), issuer: dequantise(issuerPart) });
    }
    const industry = store.maxOverIndustries(offset, tables.industryByCode);
    const certification = store.maxOverCertifications(offset, tables.certificationById);
    return scoreSignals(
      prepared,
      dequantise(text),
      dequantise(capabilityShare),
      best,
      track,
      issuer,
      industry,
      certification,
      this.params,
      values,
    );
  }

  /** One enterprise's result: exact score (the same arithmetic `rank` uses) and its explanation. */
  private result(prepared: PreparedQuery, tables: QueryTables, entry: Entry, rank: number): RankedEnterprise {
    const termContributions: Array<{ term: string; contribution: number }> = [];
    const exact = this.profiles.score(
      entry.slot,
      this.lookup,
      prepared.profileFactors,
      tables.tagShares,
      CAPABILITY_FIELD,
      this.params.profile,
      { text: 0, extra: 0 },
      (position, contribution) => termContributions.push({ term: prepared.terms[position].term, contribution: dequantise(contribution) }),
    );
    const evidence: ProjectEvidence[] = [];
    const values = new Float64Array(SIGNALS.length);
    const raw = this.score(prepared, tables, entry.slot, exact.text, exact.extra, evidence, values);
    const eligibility = checkEligibility(prepared.rules, entry.doc);
    const certifications = [...this.facts.certifications(entry.facts)].map((id) => this.certificationIds.value(id));
    return {
      enterpriseId: entry.doc.id,
      score: calibrateScore(raw, this.params.calibration),
      rank,
      eligible: eligibility.eligible,
      reasons: eligibility.reasons,
      explanation: buildExplanation({
        prepared,
        doc: entry.doc,
        capabilityTerms: entry.capabilityTerms,
        certificationTerms: certifications,
        values: signalRecord(values),
        raw,
        params: this.params,
        termContributions,
        projects: evidence,
        method: RANKING_METHOD,
      }),
    };
  }

  /** Renumbers slots and reclaims fact-store holes once dead data outweighs live data (amortised O(1)). */
  private compactIfSparse(): void {
    if (this.facts.sparse) {
      const entries = [...this.byId.values()];
      const moved = this.facts.compact(entries.map((entry) => entry.facts));
      entries.forEach((entry, i) => {
        entry.facts = moved[i];
        this.factsAt[entry.slot] = moved[i];
      });
    }
    if (this.profiles.deadCount <= Math.max(1024, this.profiles.liveCount)) return;
    const remap = this.profiles.compact();
    const entries: Array<Entry | undefined> = [];
    for (const entry of this.entries) {
      if (entry === undefined) continue;
      entry.slot = remap[entry.slot];
      entries[entry.slot] = entry;
      this.factsAt[entry.slot] = entry.facts;
    }
    this.entries = entries;
    for (const [major, members] of this.industryClasses) {
      this.industryClasses.set(major, new Set([...members].map((slot) => remap[slot])));
    }
  }
}

function hasRestrictions(rules: NonNullable<ChallengeQuery['eligibility']>): boolean {
  return (rules.regions?.length ?? 0) + (rules.sizes?.length ?? 0) + (rules.certifications?.length ?? 0) > 0;
}
