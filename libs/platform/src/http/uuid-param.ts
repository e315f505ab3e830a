import { Param, ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '@jiebang/domain';

/** UUIDs are compared case-insensitively by Postgres but as strings everywhere else (job keys, payloads). */
const lowerCase: PipeTransform<string, string> = { transform: (value) => value.toLowerCase() };

/**
 * A path parameter that must be a UUID (`400 VALIDATION_FAILED` otherwise, before any lookup), in its canonical
 * lower-case form: an id written in capitals names the same object and must not make a second job key.
 */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationFailedError(`${name} must be a UUID.`, [{ field: name, message: `${name} must be a UUID` }]),
    }),
    lowerCase,
  );
