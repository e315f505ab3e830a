import { ValidationFailedError, FieldError } from '@jiebang/domain';
import { ValidationError } from 'class-validator';

/** Flattens nested class-validator errors into `{ field: "kpis.0.name", message }` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, message: message.replace(/^an unknown value was passed to the validate function$/, 'invalid value') });
    }
    if (error.children && error.children.length > 0) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function validationExceptionFactory(errors: ValidationError[]): ValidationFailedError {
  return new ValidationFailedError('The request is not valid.', flattenValidationErrors(errors));
}
