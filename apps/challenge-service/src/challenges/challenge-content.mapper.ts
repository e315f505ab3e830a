import {
  CHALLENGE_DEFAULTS,
  ChallengeContent,
  ChallengeEligibility,
  DEFAULT_SCORECARD,
} from '@jiebang/domain';
import { toSearchDocument } from '@jiebang/matching';
import type { Challenge } from '@jiebang/domain';
import { CreateChallengeDto, EligibilityInputDto, UpdateChallengeDto } from './challenge.dto';

function eligibilityOf(input: EligibilityInputDto): ChallengeEligibility {
  const out: ChallengeEligibility = {};
  if (input.regions?.length) out.regions = [...new Set(input.regions)];
  if (input.sizes?.length) out.sizes = [...new Set(input.sizes)];
  if (input.certifications?.length) out.certifications = [...new Set(input.certifications)];
  return out;
}

/** A new draft's content with API.md defaults (one winner, shortlist of 3, passing 60, 3 blind reviewers). */
export function contentFromCreate(dto: CreateChallengeDto): ChallengeContent {
  return {
    title: dto.title,
    description: dto.description,
    industry: dto.industry ?? null,
    tags: dto.tags ?? [],
    kpis: (dto.kpis ?? []).map((k) => ({ name: k.name, target: k.target, unit: k.unit ?? null, mandatory: k.mandatory ?? true })),
    rewardYuan: dto.rewardYuan,
    eligibility: eligibilityOf(dto.eligibility ?? {}),
    bidDeadline: new Date(dto.bidDeadline),
    maxWinners: dto.maxWinners ?? CHALLENGE_DEFAULTS.maxWinners,
    shortlistSize: dto.shortlistSize ?? Math.max(CHALLENGE_DEFAULTS.shortlistSize, dto.maxWinners ?? 1),
    passingScore: dto.passingScore ?? CHALLENGE_DEFAULTS.passingScore,
    scorecard: dto.scorecard ? { criteria: dto.scorecard.criteria.map((c) => ({ ...c })) } : DEFAULT_SCORECARD,
    reviewersPerBid: dto.review?.reviewersPerBid ?? CHALLENGE_DEFAULTS.reviewersPerBid,
    blindReview: dto.review?.blind ?? CHALLENGE_DEFAULTS.blind,
  };
}

/**
 * The fields a PATCH carries, in domain terms. Absent fields stay as they are, and so do fields sent as null (as on
 * create, where null means "not given"): only `industry` is nullable, and null clears it.
 */
export function contentChanges(dto: UpdateChallengeDto): Partial<ChallengeContent> {
  const changes: Partial<ChallengeContent> = {};
  if (dto.title != null) changes.title = dto.title;
  if (dto.description != null) changes.description = dto.description;
  if (dto.industry !== undefined) changes.industry = dto.industry;
  if (dto.tags != null) changes.tags = dto.tags;
  if (dto.kpis != null) {
    changes.kpis = dto.kpis.map((k) => ({ id: k.id, name: k.name, target: k.target, unit: k.unit ?? null, mandatory: k.mandatory ?? true }));
  }
  if (dto.rewardYuan != null) changes.rewardYuan = dto.rewardYuan;
  if (dto.eligibility != null) changes.eligibility = eligibilityOf(dto.eligibility);
  if (dto.bidDeadline != null) changes.bidDeadline = new Date(dto.bidDeadline);
  if (dto.maxWinners != null) changes.maxWinners = dto.maxWinners;
  if (dto.shortlistSize != null) changes.shortlistSize = dto.shortlistSize;
  if (dto.passingScore != null) changes.passingScore = dto.passingScore;
  if (dto.scorecard != null) changes.scorecard = { criteria: dto.scorecard.criteria.map((c) => ({ ...c })) };
  if (dto.review?.reviewersPerBid != null) changes.reviewersPerBid = dto.review.reviewersPerBid;
  if (dto.review?.blind != null) changes.blindReview = dto.review.blind;
  return changes;
}

/** What full-text search sees of a challenge: title, description, tags, KPI names, through the tokenizer. */
export function searchDocumentOf(challenge: Pick<Challenge, 'title' | 'description' | 'tags' | 'kpis' | 'industry'>): string {
  return toSearchDocument(challenge.title, challenge.description, challenge.tags, challenge.kpis.map((k) => k.name), challenge.industry);
}
