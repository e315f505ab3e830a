import type { QueryDeepPartialEntity } from 'typeorm';
import { ValueTransformer } from 'typeorm';

export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * TypeORM's insert types reject `jsonb` fields typed as records/unknown; entities are complete rows, so this
 * is the one place that says so.
 */
export function asRow<T>(entity: T): QueryDeepPartialEntity<T> {
  return entity as QueryDeepPartialEntity<T>;
}
