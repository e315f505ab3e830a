import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
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

/** A new bid: every field required (milestone payments sum to 100, every mandatory KPI answered). */
export class SubmitBidDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() challengeId!: string;
  @ApiProperty() @IsString() @Length(1, 2000) summary!: string;
  @ApiProperty() @IsString() @Length(1, 50000) technicalApproach!: string;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(1_000_000_000_000) priceYuan!: number;
  @ApiProperty({ minimum: 1, maximum: 3650 }) @IsInt() @Min(1) @Max(3650) durationDays!: number;
  @ApiProperty({ type: [KpiResponseDto], description: 'A response to every mandatory KPI' })
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => KpiResponseDto)
  @ArrayMaxSize(50)
  kpiResponses!: KpiResponseDto[];
  @ApiProperty({ type: [MilestoneDto] })
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  milestones!: MilestoneDto[];
  @ApiProperty({ type: [TeamMemberDto] })
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  @ArrayMaxSize(50)
  team!: TeamMemberDto[];
}

/** An amendment carries any content field (absent fields keep their value) and the version it was read at. */
export class AmendBidDto extends PartialType(OmitType(SubmitBidDto, ['challengeId'] as const)) {
  @ApiProperty({ description: 'The version the bid was read at' }) @IsInt() @Min(1) version!: number;
}

export type BidContentFieldsDto = Omit<SubmitBidDto, 'challengeId'>;

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
