import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, ValidateBy, ValidationOptions } from 'class-validator';
import {
  ASSIGNMENT_STATUSES,
  AssignmentStatus,
  REVIEWER_DECLINE_REASONS,
  REVIEWER_STATUSES,
  ReviewerDeclineReason,
  ReviewerStatus,
  REVIEW_STATUSES,
  ReviewStatus,
} from '@jiebang/domain';
import { PaginationQueryDto } from '@jiebang/platform';

/** An object of at most 50 criterion keys (1–100 characters), each a finite number. */
function IsScoreMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isScoreMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 50 &&
          Object.entries(value).every(([k, v]) => k.length >= 1 && k.length <= 100 && typeof v === 'number' && Number.isFinite(v)),
        defaultMessage: () => 'scores must be an object of criterion keys to numbers',
      },
    },
    options,
  );
}

export class ListAssignmentsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() challengeId?: string;
}

export class DeclineAssignmentDto {
  @ApiProperty({ enum: REVIEWER_DECLINE_REASONS }) @IsIn(REVIEWER_DECLINE_REASONS) reason!: ReviewerDeclineReason;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @Length(0, 2000) detail?: string;
}

export class WriteReviewDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { technical: 8, team: 7 }, description: 'criterion key → score (0..maxScore)' })
  @IsScoreMap()
  scores!: Record<string, number>;
  @ApiProperty({ maxLength: 10000, description: 'Shown to the bidder in its feedback (never with your identity)' })
  @IsString()
  @Length(0, 10000)
  comment!: string;
  @ApiPropertyOptional({ maxLength: 10000, description: 'For the lead and admins only' }) @IsOptional() @IsString() @Length(0, 10000) privateNote?: string;
  @ApiProperty({ description: 'true submits (final; every criterion scored); false saves a draft' }) @IsBoolean() submit!: boolean;
}

export class ListReviewersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: REVIEWER_STATUSES }) @IsOptional() @IsIn(REVIEWER_STATUSES) status?: ReviewerStatus;
}

export class AssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) challengeId!: string;
  @ApiProperty({ format: 'uuid' }) bidId!: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status!: AssignmentStatus;
  @ApiProperty({ description: 'Expertise affinity 0–100 the assignment maximised' }) affinity!: number;
  @ApiProperty({ format: 'date-time' }) assignedAt!: string;
  @ApiProperty({ type: String, nullable: true, enum: [...REVIEWER_DECLINE_REASONS, 'suspended'] }) declineReason!: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'admins only' }) reviewerId?: string;
}

export class AssignmentPageResponse {
  @ApiProperty({ type: [AssignmentResponse] }) items!: AssignmentResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ReviewResponse {
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: ReviewStatus;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) scores!: Record<string, number>;
  @ApiProperty() comment!: string;
  @ApiProperty({ type: String, nullable: true }) privateNote!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Σ weight × score / maxScore (0–100), once submitted' }) total!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
}

export class ReviewBidResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() summary!: string;
  @ApiProperty() technicalApproach!: string;
  @ApiProperty() priceYuan!: number;
  @ApiProperty() durationDays!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', required: ['kpiId', 'commitment'], properties: { kpiId: { type: 'string', format: 'uuid' }, commitment: { type: 'string' } } },
  })
  kpiResponses!: Array<{ kpiId: string; commitment: string }>;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      required: ['title', 'dueDay', 'paymentPercent'],
      properties: { title: { type: 'string' }, dueDay: { type: 'integer' }, paymentPercent: { type: 'integer' } },
    },
  })
  milestones!: Array<{ title: string; dueDay: number; paymentPercent: number }>;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', required: ['role'], properties: { name: { type: 'string' }, role: { type: 'string' } } },
    description: 'With blind review: roles only, no names',
  })
  team!: Array<{ name?: string; role: string }>;
  @ApiPropertyOptional({ format: 'uuid', description: 'Absent with blind review' }) organizationId?: string;
  @ApiPropertyOptional({ description: 'Absent with blind review' }) organizationName?: string;
  @ApiPropertyOptional({ description: 'Absent with blind review' }) creditCode?: string;
}

export class AssignmentDetailResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status!: AssignmentStatus;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'id, title, description, industry, tags, kpis, rewardYuan, blindReview, status' })
  challenge!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ criteria: [{ key, name, weight, maxScore }] }' }) scorecard!: Record<string, unknown>;
  @ApiProperty({ type: ReviewBidResponse, nullable: true, description: 'null once the assignment is declined' }) bid!: ReviewBidResponse | null;
  @ApiProperty({ type: ReviewResponse, nullable: true, description: 'Your draft or submitted review' }) review!: ReviewResponse | null;
}

export class ReviewerResponse {
  @ApiProperty({ format: 'uuid', description: "The reviewer's user id" }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: [String] }) expertise!: string[];
  @ApiProperty({ type: [String], description: 'Credit codes the reviewer is affiliated with' }) affiliations!: string[];
  @ApiProperty({ enum: REVIEWER_STATUSES }) status!: ReviewerStatus;
  @ApiProperty({ description: 'Open assignments on challenges in review (counted against REVIEWER_MAX_LOAD)' }) openAssignments!: number;
}

export class ReviewerPageResponse {
  @ApiProperty({ type: [ReviewerResponse] }) items!: ReviewerResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
