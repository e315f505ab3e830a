import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Challenge, ChallengeAddendum, CHALLENGE_STATUSES, ChallengeStatus, ENTERPRISE_SIZES, EnterpriseSize } from '@jiebang/domain';

export class KpiResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() target!: string;
  @ApiProperty({ type: String, nullable: true }) unit!: string | null;
  @ApiProperty() mandatory!: boolean;
}

export class EligibilityResponse {
  @ApiPropertyOptional({ type: [String] }) regions?: string[];
  @ApiPropertyOptional({ enum: ENTERPRISE_SIZES, isArray: true }) sizes?: EnterpriseSize[];
  @ApiPropertyOptional({ type: [String] }) certifications?: string[];
}

export class CriterionResponse {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() weight!: number;
  @ApiProperty() maxScore!: number;
}

export class ScorecardResponse {
  @ApiProperty({ type: [CriterionResponse] }) criteria!: CriterionResponse[];
}

export class ReviewSettingsResponse {
  @ApiProperty() reviewersPerBid!: number;
  @ApiProperty() blind!: boolean;
}

export class AddendumResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) bidDeadline!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ChallengeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHALLENGE_STATUSES }) status!: ChallengeStatus;
  @ApiProperty() version!: number;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) industry!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: [KpiResponse] }) kpis!: KpiResponse[];
  @ApiProperty() rewardYuan!: number;
  @ApiProperty({ type: EligibilityResponse }) eligibility!: EligibilityResponse;
  @ApiProperty({ format: 'date-time' }) bidDeadline!: string;
  @ApiProperty() maxWinners!: number;
  @ApiProperty() shortlistSize!: number;
  @ApiProperty() passingScore!: number;
  @ApiProperty({ type: ScorecardResponse }) scorecard!: ScorecardResponse;
  @ApiProperty({ type: ReviewSettingsResponse }) review!: ReviewSettingsResponse;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null until the bids are opened (how many bid is confidential)' })
  bidCount!: number | null;
  @ApiProperty({ type: [AddendumResponse] }) addenda!: AddendumResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ChallengePageResponse {
  @ApiProperty({ type: [ChallengeResponse] }) items!: ChallengeResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The allow-list of what a challenge shows; `bidCount` only once opened. */
export function toChallengeResponse(c: Challenge, addenda: ChallengeAddendum[], bidCount: number | undefined): ChallengeResponse {
  return {
    id: c.id,
    status: c.status,
    version: c.version,
    title: c.title,
    description: c.description,
    industry: c.industry,
    tags: c.tags,
    kpis: c.kpis.map((k) => ({ id: k.id, name: k.name, target: k.target, unit: k.unit, mandatory: k.mandatory })),
    rewardYuan: c.rewardYuan,
    eligibility: c.eligibility,
    bidDeadline: c.bidDeadline.toISOString(),
    maxWinners: c.maxWinners,
    shortlistSize: c.shortlistSize,
    passingScore: c.passingScore,
    scorecard: { criteria: c.scorecard.criteria.map((k) => ({ key: k.key, name: k.name, weight: k.weight, maxScore: k.maxScore })) },
    review: { reviewersPerBid: c.reviewersPerBid, blind: c.blindReview },
    organizationId: c.organizationId,
    organizationName: c.organizationName,
    publishedAt: iso(c.publishedAt),
    closedAt: iso(c.closedAt),
    bidCount: c.isOpened ? (bidCount ?? 0) : null,
    addenda: addenda.map((a) => ({ id: a.id, text: a.text, bidDeadline: iso(a.bidDeadline), createdAt: a.createdAt.toISOString() })),
    cancelReason: c.cancelReason,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
