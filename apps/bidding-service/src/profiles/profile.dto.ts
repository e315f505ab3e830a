import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsStringList } from '@jiebang/platform';
import { ENTERPRISE_SIZES, EnterpriseSize, IsIndustryCode } from '@jiebang/domain';

export class PatentDto {
  @ApiProperty() @IsString() @Length(1, 300) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) number?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1900) @Max(2100) year?: number;
}

export class PastProjectDto {
  @ApiProperty() @IsString() @Length(1, 300) title!: string;
  @ApiProperty() @IsString() @MaxLength(10000) description!: string;
  @ApiProperty() @IsInt() @Min(1900) @Max(2100) year!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) client?: string;
}

/** `PUT` replaces every field it carries; `name` belongs to the organization and is not accepted here. */
export class PutProfileDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) description?: string;
  @ApiPropertyOptional({ type: [String], example: ['伺服驱动', '运动控制'] })
  @IsOptional()
  @IsStringList(100, 100)
  capabilities?: string[];
  @ApiPropertyOptional({ type: [String], example: ['C38'] })
  @IsOptional()
  @IsArray()
  @IsIndustryCode({ each: true })
  @ArrayMaxSize(20)
  industries?: string[];
  @ApiPropertyOptional({ type: [String], example: ['specialized-sme', 'high-tech'] })
  @IsOptional()
  @IsStringList(20, 100)
  certifications?: string[];
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) employeeCount?: number | null;
  @ApiPropertyOptional({ type: [PatentDto] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PatentDto)
  @ArrayMaxSize(500)
  patents?: PatentDto[];
  @ApiPropertyOptional({ type: [PastProjectDto] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PastProjectDto)
  @ArrayMaxSize(200)
  pastProjects?: PastProjectDto[];
}

export class PatentResponse {
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) number!: string | null;
  @ApiProperty({ type: Number, nullable: true }) year!: number | null;
}

export class PastProjectResponse {
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ type: String, nullable: true }) client!: string | null;
}

export class ProfileResponse {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ enum: ENTERPRISE_SIZES, nullable: true }) size!: EnterpriseSize | null;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) capabilities!: string[];
  @ApiProperty({ type: [String] }) industries!: string[];
  @ApiProperty({ type: [String] }) certifications!: string[];
  @ApiProperty({ type: Number, nullable: true }) employeeCount!: number | null;
  @ApiProperty({ type: [PatentResponse] }) patents!: PatentResponse[];
  @ApiProperty({ type: [PastProjectResponse] }) pastProjects!: PastProjectResponse[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null before the first PUT' })
  updatedAt!: string | null;
}
