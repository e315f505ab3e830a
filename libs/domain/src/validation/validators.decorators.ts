import { buildMessage, isISO8601, ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { creditCodeProblem, CreditCodeProblem } from './credit-code';
import { isValidIndustryCode } from './industry-code';
import { isValidRegionCode, isValidRegionPrefix } from './region-code';

const CREDIT_CODE_PROBLEMS: Record<CreditCodeProblem, (value: unknown) => string> = {
  'not-a-string': () => 'a string is expected',
  length: (value) => `18 characters expected, got ${String(value).length}`,
  charset: () => 'only digits and upper-case letters except I, O, Z, S, V are allowed',
  region: () => 'characters 3–8 must be the 6-digit region code',
  'check-character': () => 'check character mismatch',
};

/** The problem of the value, or of the first invalid element when validating with `each: true`. */
function describeCreditCode(value: unknown, each: boolean): string {
  const candidates: readonly unknown[] = each && Array.isArray(value) ? value : [value];
  for (const candidate of candidates) {
    const problem = creditCodeProblem(candidate);
    if (problem) return CREDIT_CODE_PROBLEMS[problem](candidate);
  }
  return 'invalid';
}

/**
 * A 统一社会信用代码 (GB 32100-2015) with a correct check character. The message says whether the
 * length, characters or region digits are wrong, or only the check character:
 * `creditCode must be a valid 统一社会信用代码 (check character mismatch)`.
 */
export function IsCreditCode(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCreditCode',
      validator: {
        validate: (value: unknown): boolean => creditCodeProblem(value) === null,
        defaultMessage: buildMessage(
          (eachPrefix: string, args?: ValidationArguments) =>
            `${eachPrefix}$property must be a valid 统一社会信用代码 (${describeCreditCode(args?.value, validationOptions?.each === true)})`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** A full 6-digit GB/T 2260 region code with a real province (`350203`). */
export function IsRegionCode(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRegionCode',
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isValidRegionCode(value),
        defaultMessage: buildMessage(
          (eachPrefix: string) =>
            `${eachPrefix}$property must be a 6-digit GB/T 2260 region code with a valid province code (e.g. 350203)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** A GB/T 2260 region prefix of 2, 4 or 6 digits with a real province (`35`, `3502`, `350203`). */
export function IsRegionPrefix(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRegionPrefix',
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isValidRegionPrefix(value),
        defaultMessage: buildMessage(
          (eachPrefix: string) =>
            `${eachPrefix}$property must be a GB/T 2260 region code prefix of 2, 4 or 6 digits ` +
            'with a valid province code (e.g. 35, 3502, 350203)',
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** A GB/T 4754-2017 industry code: section letter, optionally a division, group or class (`C3911`). */
export function IsIndustryCode(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIndustryCode',
      validator: {
        validate: (value: unknown): boolean => typeof value === 'string' && isValidIndustryCode(value),
        defaultMessage: buildMessage(
          (eachPrefix: string) =>
            `${eachPrefix}$property must be a GB/T 4754-2017 industry code: a section letter A–T, optionally ` +
            'followed by a 2-, 3- or 4-digit code within that section (e.g. C, C39, C391, C3911)',
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/**
 * An ISO 8601 date-time that is a real calendar instant and that JavaScript's Date reads (`2030-06-30T16:00:00Z`,
 * `2030-06-30T16:00:00.5+08:00`). Strict ISO 8601 alone also admits forms Date cannot read (basic `20300630T160000Z`,
 * week `2030-W26-7`, an hour alone, a comma fraction, a `+08` offset), which would become an Invalid Date.
 */
export function IsDateTime(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateTime',
      validator: {
        validate: (value: unknown): boolean =>
          typeof value === 'string' && isISO8601(value, { strict: true, strictSeparator: true }) && !Number.isNaN(Date.parse(value)),
        defaultMessage: buildMessage(
          (eachPrefix: string) => `${eachPrefix}$property must be an ISO 8601 date-time such as 2030-06-30T16:00:00Z`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}
