import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsString, Length } from 'class-validator';

/** A list of at most `maxItems` non-empty strings of at most `maxLength` characters (tags, capabilities…). */
export function IsStringList(maxItems: number, maxLength: number): PropertyDecorator {
  return applyDecorators(IsArray(), IsString({ each: true }), Length(1, maxLength, { each: true }), ArrayMaxSize(maxItems));
}
