import { ValidationFailedError } from '../errors';

/** Keyset pagination over (timestamp, id), newest first. The cursor is opaque to clients. */
export interface CursorPosition {
  at: Date;
  id: string;
}

/** Keyset pagination over (score, id), highest score first (ranked lists). */
export interface ScoreCursorPosition {
  score: number;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A time as `toISOString` writes it (Date's own parser would also take `87.5` or `March 7`). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A number as `String(number)` writes a finite one (shortest round-trip form, so no precision is lost). */
const NUMBER = /^-?\d+(\.\d+)?(e[+-]\d+)?$/i;

const encode = (key: string, id: string) => Buffer.from(`${key}|${id}`, 'utf8').toString('base64url');

/** The key and id of a cursor, or a 400 naming `cursor` when either is not what this list writes. */
function decode<K>(cursor: string, parseKey: (text: string) => K | undefined): { key: K; id: string } {
  const [text, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const key = text === undefined ? undefined : parseKey(text);
  if (key === undefined || !id || !UUID.test(id) || rest.length > 0) {
    throw new ValidationFailedError('The cursor is not valid.', [{ field: 'cursor', message: 'cursor is not valid' }]);
  }
  return { key, id };
}

export function encodeCursor(position: CursorPosition): string {
  return encode(position.at.toISOString(), position.id);
}

export function decodeCursor(cursor: string): CursorPosition {
  const { key, id } = decode(cursor, (text) => {
    const at = new Date(text);
    return ISO_TIME.test(text) && !Number.isNaN(at.getTime()) ? at : undefined;
  });
  return { at: key, id };
}

export function encodeScoreCursor(position: ScoreCursorPosition): string {
  return encode(String(position.score), position.id);
}

export function decodeScoreCursor(cursor: string): ScoreCursorPosition {
  const { key, id } = decode(cursor, (text) => (NUMBER.test(text) && Number.isFinite(Number(text)) ? Number(text) : undefined));
  return { score: key, id };
}

/** Builds a page from `limit + 1` rows fetched in the list's order; `cursorOf` encodes the last row's position. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** Builds a page from `limit + 1` rows fetched newest first. */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): Page<T> {
  return pageOf(rows, limit, (row) => encodeCursor(positionOf(row)));
}
