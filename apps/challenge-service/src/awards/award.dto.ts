import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CHALLENGE_STATUSES, ChallengeStatus, OBJECTION_STATUSES, ObjectionDecision, ObjectionStatus } from '@jiebang/domain';
import { PaginationQueryDto } from '@jiebang/platform';

export class AwardDto {
  @ApiProperty({ type: [String], description: 'The full set of winners: shortlisted (or still awarded) bids, at most maxWinners' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  bidIds!: string[];
}

export class FileObjectionDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @Length(1, 2000) reason!: string;
  @ApiProperty({ maxLength: 20000 }) @IsString() @Length(1, 20000) evidence!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'An awarded bid; without it the objection is against the whole result' })
  @IsOptional()
  @IsUUID()
  bidId?: string;
}

export class ResolveObjectionDto {
  @ApiProperty({ enum: ['upheld', 'dismissed'] }) @IsIn(['upheld', 'dismissed']) decision!: ObjectionDecision;
  @ApiProperty({ maxLength: 5000 }) @IsString() @Length(1, 5000) note!: string;
}

export class ListObjectionsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() challengeId?: string;
  @ApiPropertyOptional({ enum: OBJECTION_STATUSES }) @IsOptional() @IsIn(OBJECTION_STATUSES) status?: ObjectionStatus;
}

export class RankingItemResponse {
  @ApiProperty({ format: 'uuid' }) bidId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() rank!: number;
  @ApiProperty({ description: 'Mean of the (calibrated) review totals, 0–100' }) score!: number;
  @ApiProperty({ type: [Number], description: '90% bootstrap interval [low, high]' }) interval!: [number, number];
  @ApiProperty() reviewCount!: number;
  @ApiProperty({ type: [String], description: 'calibrated, trimmed, high-disagreement, below-passing, tie-at-cutoff' }) flags!: string[];
  @ApiProperty() shortlisted!: boolean;
  @ApiProperty({ description: "The bid's current status (shortlisted, awarded, rejected, disqualified)" }) status!: string;
}

export class RankingResponse {
  @ApiProperty({ type: [RankingItemResponse] }) items!: RankingItemResponse[];
  @ApiProperty({ description: 'Aggregation method version' }) method!: string;
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
}

export class ChallengeReviewResponse {
  @ApiProperty({ format: 'uuid' }) bidId!: string;
  @ApiProperty({ example: 'Reviewer 1', description: 'Stable pseudonym per challenge' }) reviewer!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'admins only' }) reviewerId?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) scores!: Record<string, number>;
  @ApiProperty() total!: number;
  @ApiProperty() comment!: string;
  @ApiProperty({ type: String, nullable: true }) privateNote!: string | null;
}

export class ChallengeReviewListResponse {
  @ApiProperty({ type: [ChallengeReviewResponse] }) items!: ChallengeReviewResponse[];
}

export class WinnerResponse {
  @ApiProperty({ format: 'uuid' }) bidId!: string;
  @ApiProperty() organizationName!: string;
}

export class ResultResponse {
  @ApiProperty({ enum: CHALLENGE_STATUSES }) status!: ChallengeStatus;
  @ApiProperty({ type: [WinnerResponse], description: 'The awards standing now' }) winners!: WinnerResponse[];
  @ApiProperty({ format: 'date-time' }) publicityEndsAt!: string;
  @ApiProperty() openObjections!: number;
}

export class ObjectionResolutionResponse {
  @ApiProperty({ enum: ['upheld', 'dismissed'] }) decision!: ObjectionDecision;
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date-time' }) resolvedAt!: string;
}

export class ObjectionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) challengeId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bidId!: string | null;
  @ApiProperty({ enum: OBJECTION_STATUSES }) status!: ObjectionStatus;
  @ApiProperty() reason!: string;
  @ApiProperty() evidence!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: ObjectionResolutionResponse }) resolution?: ObjectionResolutionResponse;
  @ApiPropertyOptional({ format: 'uuid', description: "The objector's user id: admins only" }) objectorId?: string;
}

export class ObjectionPageResponse {
  @ApiProperty({ type: [ObjectionResponse] }) items!: ObjectionResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
