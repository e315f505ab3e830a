import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHALLENGE_STATUSES, ChallengeStatus, ENTERPRISE_SIZES, EnterpriseSize, IsDateTime, IsIndustryCode, IsRegionPrefix } from '@jiebang/domain';
import { PaginationQueryDto, IsStringList } from '@jiebang/platform';

export class KpiInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Send back to keep a KPI on PATCH; omit for a new KPI' })
  @IsOptional()
  @IsUUID()
  id?: string;
  @ApiProperty({ example: '定位精度' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: '≤0.01' }) @IsString() @Length(1, 200) target!: string;
  @ApiPropertyOptional({ example: 'mm' }) @IsOptional() @IsString() @MaxLength(50) unit?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() mandatory?: boolean;
}

export class EligibilityInputDto {
  @ApiPropertyOptional({ type: [String], example: ['35', '3502'], description: 'GB/T 2260 code prefixes (2, 4 or 6 digits)' })
  @IsOptional()
  @IsArray()
  @IsRegionPrefix({ each: true })
  @ArrayMaxSize(50)
  regions?: string[];
  @ApiPropertyOptional({ enum: ENTERPRISE_SIZES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ENTERPRISE_SIZES, { each: true })
  @ArrayMaxSize(4)
  sizes?: EnterpriseSize[];
  @ApiPropertyOptional({ type: [String], example: ['specialized-sme'], description: 'Every listed certification is required' })
  @IsOptional()
  @IsStringList(20, 100)
  certifications?: string[];
}

export class CriterionInputDto {
  @ApiProperty({ example: 'technical' }) @Matches(/^[a-z][a-z0-9-]{0,39}$/) key!: string;
  @ApiProperty({ example: '技术方案' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ minimum: 1, maximum: 100 }) @IsInt() @Min(1) @Max(100) weight!: number;
  @ApiProperty({ minimum: 1, maximum: 100 }) @IsInt() @Min(1) @Max(100) maxScore!: number;
}

export class ScorecardInputDto {
  @ApiProperty({ type: [CriterionInputDto], description: 'Weights must sum to 100' })
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CriterionInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  criteria!: CriterionInputDto[];
}

export class ReviewInputDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 7, default: 3 }) @IsOptional() @IsInt() @Min(1) @Max(7) reviewersPerBid?: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() blind?: boolean;
}

/** A new draft: title, description, reward and deadline are required; everything else has a default. */
export class CreateChallengeDto {
  @ApiProperty({ example: '高精度伺服电机控制器' }) @IsString() @Length(1, 200) title!: string;
  @ApiProperty() @IsString() @Length(1, 20000) description!: string;
  @ApiPropertyOptional({ example: 'C38', description: 'GB/T 4754 industry code', nullable: true })
  @IsOptional()
  @IsIndustryCode()
  industry?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsStringList(20, 50)
  tags?: string[];
  @ApiPropertyOptional({ type: [KpiInputDto] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => KpiInputDto)
  @ArrayMaxSize(30)
  kpis?: KpiInputDto[];
  @ApiProperty({ minimum: 0, example: 2000000 }) @IsInt() @Min(0) @Max(1_000_000_000_000) rewardYuan!: number;
  @ApiPropertyOptional({ type: EligibilityInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EligibilityInputDto)
  eligibility?: EligibilityInputDto;
  @ApiProperty({ format: 'date-time', description: 'Must be in the future' })
  @IsDateTime()
  bidDeadline!: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(5) maxWinners?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 3, description: 'At least maxWinners' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  shortlistSize?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 60 }) @IsOptional() @IsInt() @Min(0) @Max(100) passingScore?: number;
  @ApiPropertyOptional({ type: ScorecardInputDto, description: 'A default scorecard is used when omitted' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScorecardInputDto)
  scorecard?: ScorecardInputDto;
  @ApiPropertyOptional({ type: ReviewInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReviewInputDto)
  review?: ReviewInputDto;
}

/** A PATCH carries any of the create fields, and the version the challenge was read at. */
export class UpdateChallengeDto extends PartialType(CreateChallengeDto) {
  @ApiProperty({ description: 'The version the challenge was read at' }) @IsInt() @Min(1) version!: number;
}

export class AddAddendumDto {
  @ApiProperty() @IsString() @Length(1, 5000) text!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'A new, later deadline' })
  @IsOptional()
  @IsDateTime()
  bidDeadline?: string;
}

export class CancelChallengeDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

export class ListChallengesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: CHALLENGE_STATUSES }) @IsOptional() @IsIn(CHALLENGE_STATUSES) status?: ChallengeStatus;
  @ApiPropertyOptional({ description: 'Full-text search, Chinese or English' }) @IsOptional() @IsString() @Length(1, 200) q?: string;
  @ApiPropertyOptional({ description: 'GB/T 4754 code prefix' }) @IsOptional() @Matches(/^[A-T]\d{0,4}$/) industry?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) tag?: string;
  @ApiPropertyOptional({ description: "Lead only: the caller organization's own challenges, drafts included" })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;
}
