import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { Bid, BID_STATUSES, BidStatus } from '@jiebang/domain';
import { PaginationQueryDto } from '@jiebang/platform';

export class KpiResponseDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() kpiId!: string;
  @ApiProperty({ example: '定位精度 ≤0.008 mm' }) @IsString() @Length(1, 2000) commitment!: string;
}

export class MilestoneDto {
  @ApiProperty() @IsString() @Length(1, 200) title!: string;
  @ApiProperty({ description: 'Days after the start' }) @IsInt() @Min(1) @Max(3650) dueDay!: number;
  @ApiProperty({ description: 'Payments of all milestones sum to 100' }) @IsInt() @Min(0) @Max(100) paymentPercent!: number;
}

export class TeamMemberDto {
  @ApiProperty() @IsString() @Length(1, 100) name!: string;
  @ApiProperty() @IsString() @Length(1, 100) role!: string;
}

/** The content of a bid revision; every field optional on PATCH (absent fields keep their value). */
export class BidContentFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) summary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50000) technicalApproach?: string;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000_000) priceYuan?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 3650 }) @IsOptional() @IsInt() @Min(1) @Max(3650) durationDays?: number;
  @ApiPropertyOptional({ type: [KpiResponseDto], description: 'A response to every mandatory KPI' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => KpiResponseDto)
  @ArrayMaxSize(50)
  kpiResponses?: KpiResponseDto[];
  @ApiPropertyOptional({ type: [MilestoneDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  milestones?: MilestoneDto[];
  @ApiPropertyOptional({ type: [TeamMemberDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  @ArrayMaxSize(50)
  team?: TeamMemberDto[];
}

export class SubmitBidDto extends BidContentFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() challengeId!: string;
  @ApiProperty() @IsString() @Length(1, 2000) declare summary: string;
  @ApiProperty() @IsString() @Length(1, 50000) declare technicalApproach: string;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(1_000_000_000_000) declare priceYuan: number;
  @ApiProperty({ minimum: 1, maximum: 3650 }) @IsInt() @Min(1) @Max(3650) declare durationDays: number;
  @ApiProperty({ type: [KpiResponseDto] })
  @ValidateNested({ each: true })
  @Type(() => KpiResponseDto)
  @ArrayMaxSize(50)
  declare kpiResponses: KpiResponseDto[];
  @ApiProperty({ type: [MilestoneDto] })
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  declare milestones: MilestoneDto[];
  @ApiProperty({ type: [TeamMemberDto] })
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  @ArrayMaxSize(50)
  declare team: TeamMemberDto[];
}

export class AmendBidDto extends BidContentFieldsDto {
  @ApiProperty({ description: 'The version the bid was read at' }) @IsInt() @Min(1) version!: number;
}

export class ListBidsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for leads and admins' }) @IsOptional() @IsUUID() challengeId?: string;
}

export class BidResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) challengeId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: BID_STATUSES }) status!: BidStatus;
  @ApiProperty() version!: number;
  @ApiProperty() revision!: number;
  @ApiProperty() summary!: string;
  @ApiProperty() technicalApproach!: string;
  @ApiProperty() priceYuan!: number;
  @ApiProperty() durationDays!: number;
  @ApiProperty({ type: [KpiResponseDto] }) kpiResponses!: KpiResponseDto[];
  @ApiProperty({ type: [MilestoneDto] }) milestones!: MilestoneDto[];
  @ApiProperty({ type: [TeamMemberDto] }) team!: TeamMemberDto[];
  @ApiProperty({ description: 'SHA-256 of this revision, as recorded in the audit chain' }) contentHash!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class BidPageResponse {
  @ApiProperty({ type: [BidResponse] }) items!: BidResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** Allow-list of a bid's fields: the current (last) revision only. */
export function toBidResponse(b: Bid): BidResponse {
  return {
    id: b.id,
    challengeId: b.challengeId,
    organizationId: b.organizationId,
    status: b.status,
    version: b.version,
    revision: b.revision,
    summary: b.summary,
    technicalApproach: b.technicalApproach,
    priceYuan: b.priceYuan,
    durationDays: b.durationDays,
    kpiResponses: b.kpiResponses.map((k) => ({ kpiId: k.kpiId, commitment: k.commitment })),
    milestones: b.milestones.map((m) => ({ title: m.title, dueDay: m.dueDay, paymentPercent: m.paymentPercent })),
    team: b.team.map((t) => ({ name: t.name, role: t.role })),
    contentHash: b.contentHash,
    submittedAt: b.submittedAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}
