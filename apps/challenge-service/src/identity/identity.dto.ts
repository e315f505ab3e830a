import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  ENTERPRISE_SIZES,
  EnterpriseSize,
  IsCreditCode,
  IsRegionCode,
  Role,
  SELF_REGISTERING_ROLES,
  SelfRegisteringRole,
} from '@jiebang/domain';

export class OrganizationInputDto {
  @ApiProperty({ example: '福州某某精密电机有限公司' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: '91350100M000100Y43', description: '统一社会信用代码 (GB 32100-2015, check character verified)' })
  @IsCreditCode()
  creditCode!: string;
  @ApiProperty({ example: '350100', description: 'GB/T 2260 region code (6 digits)' }) @IsRegionCode() region!: string;
  @ApiProperty({ enum: ENTERPRISE_SIZES }) @IsIn(ENTERPRISE_SIZES) size!: EnterpriseSize;
}

export class ReviewerInputDto {
  @ApiProperty({ type: [String], example: ['伺服控制', 'motor control'] })
  @IsArray()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  expertise!: string[];

  @ApiProperty({ type: [String], description: 'Credit codes of organizations the reviewer is affiliated with' })
  @IsArray()
  @IsCreditCode({ each: true })
  @ArrayMaxSize(20)
  affiliations!: string[];
}

export class RegisterDto {
  @ApiProperty({ example: 'lead@example.com' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ minLength: 10, maxLength: 128 }) @IsString() @Length(10, 128) password!: string;
  @ApiProperty({ example: '张伟' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ enum: SELF_REGISTERING_ROLES }) @IsIn(SELF_REGISTERING_ROLES) role!: SelfRegisteringRole;

  @ApiPropertyOptional({ type: OrganizationInputDto, description: 'Required for lead and sme' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OrganizationInputDto)
  organization?: OrganizationInputDto;

  @ApiPropertyOptional({ type: ReviewerInputDto, description: 'Required for reviewer' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReviewerInputDto)
  reviewer?: ReviewerInputDto;
}

export class LoginDto {
  @ApiProperty() @IsString() @MaxLength(254) email!: string;
  @ApiProperty() @IsString() @MaxLength(128) password!: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['lead', 'sme', 'reviewer', 'admin'] }) role!: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId!: string | null;
}

export class SessionResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
}

export class MeResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
}
