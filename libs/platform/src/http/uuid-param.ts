import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedError } from '@jiebang/domain';

/** A path parameter that must be a UUID (`400 VALIDATION_FAILED` otherwise, before any lookup). */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationFailedError(`${name} must be a UUID.`, [{ field: name, message: `${name} must be a UUID` }]),
    }),
  );
