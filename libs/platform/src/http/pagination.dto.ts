import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?limit=` (1–100, default 20) and `?cursor=` for every list (API.md "Lists"). */
export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  // decimal digits only: Number() would also read `1e2`, `0x10` or ` 5` as a limit
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s `nextCursor`.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
