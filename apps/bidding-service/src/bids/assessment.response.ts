import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BidAssessment } from '@jiebang/domain';

export class AssessmentReasonResponse {
  @ApiProperty() rule!: string;
  @ApiProperty() message!: string;
}

/** `{ status: "pending" }` until the worker has assessed the current revision, then the assessment (advice only). */
export class AssessmentResponse {
  @ApiProperty({ enum: ['pending', 'done'] }) status!: 'pending' | 'done';
  @ApiPropertyOptional({ description: 'The revision assessed' }) revision?: number;
  @ApiPropertyOptional() eligible?: boolean;
  @ApiPropertyOptional({ type: [AssessmentReasonResponse] }) reasons?: AssessmentReasonResponse[];
  @ApiPropertyOptional({ type: Object, additionalProperties: true, description: 'Capability fit of the bid to the challenge: score 0–100 and explanation' })
  fit?: Record<string, unknown>;
  @ApiPropertyOptional({ type: Object, additionalProperties: true, description: 'Price against rewardYuan: score, flag (abnormally-low, over-budget) and explanation' })
  price?: Record<string, unknown>;
  @ApiPropertyOptional({ type: Object, additionalProperties: true, description: 'Duration: score and explanation' }) duration?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Combined advisory score 0–100' }) total?: number;
  @ApiPropertyOptional({ type: Object, additionalProperties: true, description: 'summary and parts' }) explanation?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Method and version that produced it' }) method?: string;
  @ApiPropertyOptional({ format: 'date-time' }) computedAt?: string;
}

export function toAssessmentResponse(a: BidAssessment): AssessmentResponse {
  return {
    status: 'done',
    revision: a.revision,
    eligible: a.eligible,
    reasons: a.reasons.map((r) => ({ rule: r.rule, message: r.message })),
    fit: a.fit,
    price: a.price,
    duration: a.duration,
    total: a.total,
    explanation: a.explanation,
    method: a.method,
    computedAt: a.computedAt.toISOString(),
  };
}
