import { randomUUID } from 'node:crypto';
import { ValidationFailedError } from '../errors';
import { decodeCursor, encodeCursor, toPage } from './cursor';

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
  ])('refuses %s with VALIDATION_FAILED on the cursor field', (_label, cursor) => {
    let thrown: unknown;
    try {
      decodeCursor(cursor);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ValidationFailedError);
    expect((thrown as ValidationFailedError).errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
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
