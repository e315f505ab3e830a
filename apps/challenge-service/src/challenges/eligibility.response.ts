import { ApiProperty } from '@nestjs/swagger';

export class EligibilityReasonResponse {
  @ApiProperty({ enum: ['region', 'size', 'certifications'] }) rule!: 'region' | 'size' | 'certifications';
  @ApiProperty() message!: string;
}

export class EligibilityCheckResponse {
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ type: [EligibilityReasonResponse] }) reasons!: EligibilityReasonResponse[];
}
