import { checkEligibility, type EligibilityReason, type EligibilityRules } from '../eligibility/eligibility';
import { DEFAULT_RANKING_PARAMETERS } from '../ranking/parameters';
import { weightedOccurrences } from '../ranking/query';
import type { EnterpriseDocument } from '../ranking/types';
import { defaultTokenizer, type Tokenizer } from '../text/tokenizer';
import { assessDuration, assessPrice, type AssessmentPart, type DurationPart, type PricePart } from './price-duration';

export { ABNORMALLY_LOW_RATIO } from './price-duration';
export type { AssessmentPart, DurationPart, PriceFlag, PricePart } from './price-duration';

/** Name and version of the assessment method; bump it whenever assessments change. */
export const ASSESSMENT_METHOD = 'jiebang-assess/1';

export interface AssessmentKpi {
  id: string;
  name: string;
  target: string;
  unit?: string | null;
  mandatory: boolean;
}

export interface AssessedChallenge {
  title: string;
  description: string;
  tags: string[];
  kpis: AssessmentKpi[];
  rewardYuan: number;
  eligibility?: EligibilityRules;
  /** The delivery time the lead expects, when it named one. */
  expectedDurationDays?: number | null;
  industry?: string | null;
  issuer?: string | null;
  year?: number | null;
}

export interface AssessedBid {
  summary: string;
  technicalApproach: string;
  priceYuan: number;
  durationDays: number;
  kpiResponses: Array<{ kpiId: string; commitment: string }>;
  milestones: Array<{ title: string; dueDay: number; paymentPercent: number }>;
}

export interface AssessmentInput {
  challenge: AssessedChallenge;
  enterprise: EnterpriseDocument;
  bid: AssessedBid;
  tokenizer?: Tokenizer;
  /** Term weights, e.g. `rankingIndex.idf` (default: every term weighs 1). */
  idf?: (term: string) => number;
}

export interface FitPart extends AssessmentPart {
  /** Challenge terms the bid text contains, most important first. */
  matchedTerms: string[];
  /** Shares in [0, 1]: of the challenge's term weight in the bid, in the profile; of KPIs answered. */
  bidCoverage: number;
  profileCoverage: number;
  kpiCoverage: number;
  /** KPIs with a non-blank commitment, of `kpisTotal`. */
  kpisAnswered: number;
  kpisTotal: number;
}

export interface BidAssessmentResult {
  method: string;
  eligible: boolean;
  reasons: EligibilityReason[];
  fit: FitPart;
  price: PricePart;
  duration: DurationPart;
  /** 0–100: 0.5 × fit + 0.3 × price + 0.2 × duration, halved when the bidder is not eligible. */
  total: number;
  explanation: { summary: string; parts: string[] };
}

/** Weights of the parts in `total`. */
export const ASSESSMENT_WEIGHTS = { fit: 0.5, price: 0.3, duration: 0.2 } as const;
/** An ineligible bidder (eligibility changed after submission) keeps half its total: advice, not a verdict. */
const INELIGIBLE_FACTOR = 0.5;

/** Coverage that earns full marks: a bid that addresses 60% of the challenge's term weight is complete. */
const BID_FULL_COVERAGE = 0.6;
const PROFILE_FULL_COVERAGE = 0.5;

/**
 * Advisory assessment of one bid (never the official ranking): eligibility (`checkEligibility`), capability
 * fit, price against the reward and duration. Deterministic: the same input gives the same output.
 */
export function assessBid(input: AssessmentInput): BidAssessmentResult {
  const { challenge, enterprise, bid } = input;
  const eligibility = checkEligibility(challenge.eligibility ?? {}, enterprise);
  const fit = assessFit(input);
  const price = assessPrice(bid.priceYuan, challenge.rewardYuan);
  const duration = assessDuration(bid, challenge.expectedDurationDays ?? null);
  const weighted =
    ASSESSMENT_WEIGHTS.fit * fit.score + ASSESSMENT_WEIGHTS.price * price.score + ASSESSMENT_WEIGHTS.duration * duration.score;
  const total = round(eligibility.eligible ? weighted : weighted * INELIGIBLE_FACTOR);
  const eligibilityPart = eligibility.eligible
    ? 'The bidder meets every eligibility rule.'
    : `The bidder is not eligible: ${eligibility.reasons.map((reason) => reason.message).join(' ')}`;
  const warnings: string[] = [];
  if (!eligibility.eligible) warnings.push(`not eligible (${eligibility.reasons.map((reason) => reason.rule).join(', ')}), total halved`);
  if (price.flag === 'abnormally-low') warnings.push(`price abnormally low (${Math.round((price.ratio ?? 0) * 100)}% of the reward)`);
  if (price.flag === 'over-budget') warnings.push(`price over budget (${Math.round((price.ratio ?? 0) * 100)}% of the reward)`);
  if (duration.inconsistent) warnings.push('schedule inconsistent (a milestone is due after the stated duration)');
  const summary =
    `Advisory total ${total}/100: fit ${fit.score}, price ${price.score}, duration ${duration.score}` +
    (warnings.length > 0 ? `; ${warnings.join('; ')}.` : '.');
  return {
    method: ASSESSMENT_METHOD,
    eligible: eligibility.eligible,
    reasons: eligibility.reasons,
    fit,
    price,
    duration,
    total,
    explanation: { summary, parts: [eligibilityPart, fit.explanation, price.explanation, duration.explanation] },
  };
}

/**
 * Capability fit: the challenge's terms weighted as a ranking query weights them (title and tags twice,
 * description and KPI texts once, 1 + ln(count), times `idf`), and the weighted share of them found in
 * the bid (summary, technical approach, KPI commitments) and in the bidder's profile (description,
 * capabilities, patents, past projects). fit = 100 × (0.5 × min(1, bid share / 0.6) + 0.3 × min(1, profile
 * share / 0.5) + 0.2 × KPI coverage), where KPI coverage counts answered KPIs, mandatory ones twice; with no
 * KPIs the first two parts weigh 0.6 and 0.4.
 */
function assessFit(input: AssessmentInput): FitPart {
  const { challenge, enterprise, bid } = input;
  const tokenizer = input.tokenizer ?? defaultTokenizer();
  const idf = input.idf ?? (() => 1);
  const kpiTexts = challenge.kpis.map((kpi) => [kpi.name, kpi.target, kpi.unit ?? ''].join(' '));
  const occurrences = weightedOccurrences({ ...challenge, kpis: kpiTexts }, tokenizer, DEFAULT_RANKING_PARAMETERS.query);
  const weights = new Map<string, number>();
  for (const [term, count] of occurrences) weights.set(term, (1 + Math.log(Math.max(1, count))) * Math.max(0, idf(term)));
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);

  const bidTerms = new Set(
    tokenizer.tokenize([bid.summary, bid.technicalApproach, ...bid.kpiResponses.map((r) => r.commitment)].join('\n')),
  );
  const profileTerms = new Set(
    tokenizer.tokenize(
      [
        enterprise.description,
        ...enterprise.capabilities,
        ...enterprise.patents.map((patent) => patent.title),
        ...enterprise.pastProjects.flatMap((project) => [project.title, project.description]),
      ].join('\n'),
    ),
  );
  const share = (terms: ReadonlySet<string>) =>
    total <= 0 ? 0 : [...weights].reduce((sum, [term, weight]) => sum + (terms.has(term) ? weight : 0), 0) / total;
  const bidCoverage = share(bidTerms);
  const profileCoverage = share(profileTerms);

  const answered = new Set(bid.kpiResponses.filter((r) => r.commitment.trim().length > 0).map((r) => r.kpiId));
  const kpiWeight = (kpi: AssessmentKpi) => (kpi.mandatory ? 2 : 1);
  const kpiTotal = challenge.kpis.reduce((sum, kpi) => sum + kpiWeight(kpi), 0);
  const kpiCoverage =
    kpiTotal === 0 ? 0 : challenge.kpis.reduce((sum, kpi) => sum + (answered.has(kpi.id) ? kpiWeight(kpi) : 0), 0) / kpiTotal;
  const bidPart = Math.min(1, bidCoverage / BID_FULL_COVERAGE);
  const profilePart = Math.min(1, profileCoverage / PROFILE_FULL_COVERAGE);
  const score = round(
    100 * (kpiTotal === 0 ? 0.6 * bidPart + 0.4 * profilePart : 0.5 * bidPart + 0.3 * profilePart + 0.2 * kpiCoverage),
  );
  const matchedTerms = [...weights]
    .filter(([term]) => bidTerms.has(term))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, 10)
    .map(([term]) => term);
  const missingKpis = challenge.kpis.filter((kpi) => kpi.mandatory && !answered.has(kpi.id)).map((kpi) => kpi.name);
  const explanation =
    `Capability fit ${score}/100: the bid addresses ${percent(bidCoverage)} of the challenge's weighted terms` +
    (matchedTerms.length > 0 ? ` (${matchedTerms.slice(0, 5).join(', ')})` : '') +
    `, the bidder's profile ${percent(profileCoverage)}` +
    (kpiTotal === 0 ? '.' : `, and it answers ${percent(kpiCoverage)} of the KPI weight`) +
    (missingKpis.length > 0 ? `; mandatory KPIs without an answer: ${missingKpis.join(', ')}.` : kpiTotal === 0 ? '' : '.');
  const kpisAnswered = challenge.kpis.filter((kpi) => answered.has(kpi.id)).length;
  return { score, explanation, matchedTerms, bidCoverage, profileCoverage, kpiCoverage, kpisAnswered, kpisTotal: challenge.kpis.length };
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
