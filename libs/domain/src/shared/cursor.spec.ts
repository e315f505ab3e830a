import { randomUUID } from 'node:crypto';
import { ValidationFailedError } from '../errors';
import { decodeCursor, decodeScoreCursor, encodeCursor, encodeScoreCursor, toPage } from './cursor';

const AT = new Date('2030-03-01T08:00:00.123Z');

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a position with millisecond precision', () => {
    const id = randomUUID();

    expect(decodeCursor(encodeCursor({ at: AT, id }))).toEqual({ at: AT, id });
  });

  it('produces an opaque URL-safe token', () => {
    const cursor = encodeCursor({ at: AT, id: randomUUID() });

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2030');
  });

  it.each([
    ['an empty string', ''],
    ['garbage', 'not a cursor'],
    ['a bad time', Buffer.from(`yesterday|${randomUUID()}`).toString('base64url')],
    ['a non-UUID id', Buffer.from(`${AT.toISOString()}|1; DROP TABLE bids`).toString('base64url')],
    ['no id', Buffer.from(AT.toISOString()).toString('base64url')],
    ['a score where a time belongs', encodeScoreCursor({ score: 87.5, id: randomUUID() })],
  ])('refuses %s with VALIDATION_FAILED on the cursor field', (_label, cursor) => {
    expectInvalidCursor(() => decodeCursor(cursor));
  });
});

function expectInvalidCursor(decode: () => unknown): void {
  let thrown: unknown;
  try {
    decode();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationFailedError);
  expect((thrown as ValidationFailedError).errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
}

describe('encodeScoreCursor / decodeScoreCursor', () => {
  it.each([87.5, 0, 100, 0.1 + 0.2, 1 / 3, 1e-7, -2.5])('round-trips the score %p exactly (no precision lost)', (score) => {
    const id = randomUUID();

    expect(decodeScoreCursor(encodeScoreCursor({ score, id }))).toEqual({ score, id });
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['a time where a score belongs', encodeCursor({ at: AT, id: randomUUID() })],
    ['a score that is not a number', Buffer.from(`NaN|${randomUUID()}`).toString('base64url')],
    ['an infinite score', Buffer.from(`Infinity|${randomUUID()}`).toString('base64url')],
    ['a hexadecimal score', Buffer.from(`0x10|${randomUUID()}`).toString('base64url')],
    ['an empty score', Buffer.from(`|${randomUUID()}`).toString('base64url')],
    ['a non-UUID id', Buffer.from(`50|' OR 1=1 --`).toString('base64url')],
    ['a third part', Buffer.from(`50|${randomUUID()}|x`).toString('base64url')],
  ])('refuses %s with VALIDATION_FAILED on the cursor field', (_label, cursor) => {
    expectInvalidCursor(() => decodeScoreCursor(cursor));
  });
});

describe('toPage', () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: randomUUID(), createdAt: new Date(AT.getTime() - i * 1000) }));
  const position = (r: { id: string; createdAt: Date }) => ({ at: r.createdAt, id: r.id });

  it('cuts limit + 1 rows to limit and points the cursor at the last item kept', () => {
    const fetched = rows(4);

    const page = toPage(fetched, 3, position);

    expect(page.items).toEqual(fetched.slice(0, 3));
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor as string)).toEqual({ at: fetched[2].createdAt, id: fetched[2].id });
  });

  it.each([0, 2, 3])('has no next cursor when %d rows come back for a limit of 3', (n) => {
    const fetched = rows(n);

    const page = toPage(fetched, 3, position);

    expect(page.items).toEqual(fetched);
    expect(page.nextCursor).toBeNull();
  });
});
