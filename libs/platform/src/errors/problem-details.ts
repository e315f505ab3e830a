import { ErrorCode, FieldError } from '@jiebang/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_STATUS, ERROR_TITLE } from './error-status';

export class FieldErrorResponse implements FieldError {
  @ApiProperty({ example: 'bidDeadline' }) field!: string;
  @ApiProperty({ example: 'bidDeadline must be in the future' }) message!: string;
}

/** RFC 9457 problem details, the body of every error response (API.md "Conventions"). */
export class ProblemDetails {
  @ApiProperty({ example: 'https://jiebang.dev/problems/validation-failed' }) type!: string;
  @ApiProperty({ example: 'Validation failed' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ enum: Object.keys(ERROR_STATUS), enumName: 'ErrorCode', example: 'VALIDATION_FAILED' }) code!: ErrorCode;
  @ApiProperty({ example: 'The request is not valid.' }) detail!: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse] }) errors?: FieldError[];
  @ApiProperty({ example: 'd1c4f0e2-8b1e-4c55-9d3c-5b1f0f3f2a11' }) traceId!: string;
}

export function problem(code: ErrorCode, detail: string, traceId: string, errors?: FieldError[]): ProblemDetails {
  const body: ProblemDetails = {
    type: `https://jiebang.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: ERROR_TITLE[code],
    status: ERROR_STATUS[code],
    code,
    detail,
    traceId,
  };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}
