/** Postgres SQLSTATE codes we react to, and a type-safe probe for driver errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

export function postgresErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === 'string') return direct;
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  return typeof driverError?.code === 'string' ? driverError.code : undefined;
}

export function postgresConstraint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { constraint?: unknown }).constraint;
  if (typeof direct === 'string') return direct;
  const driverError = (error as { driverError?: { constraint?: unknown } }).driverError;
  return typeof driverError?.constraint === 'string' ? driverError.constraint : undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return postgresErrorCode(error) === PG_UNIQUE_VIOLATION && (!constraint || postgresConstraint(error) === constraint);
}
