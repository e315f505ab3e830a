import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@jiebang/database';
import { openTestDataSource } from '../../../../test/support/test-database';
import { Notification } from './notification.entity';
import { NotificationsRepository, NotifyInput } from './notifications.repository';

let db: { dataSource: DataSource; close: () => Promise<void> };
let notifications: NotificationsRepository;

beforeAll(async () => {
  db = await openTestDataSource();
  notifications = new NotificationsRepository(new TransactionHost(db.dataSource));
});

afterAll(async () => {
  await db?.close();
});

const BASE = new Date('2030-03-01T08:00:00.000Z');

function input(overrides: Partial<NotifyInput> = {}): NotifyInput {
  const challengeId = randomUUID();
  return {
    type: 'challenge.closed',
    challengeId,
    message: '榜单已截止 Bidding has closed.',
    dedupeKey: `challenge.closed:${challengeId}`,
    ...overrides,
  };
}

async function all(userId: string): Promise<Notification[]> {
  return (await notifications.listForUser(userId, 100)).items;
}

describe('NotificationsRepository', () => {
  it('notifies each user once per dedupe key, however often it is written', async () => {
    const [u1, u2] = [randomUUID(), randomUUID()];
    const event = input();

    await notifications.notify([u1, u2, u1], event, BASE);
    await notifications.notify([u1, u2], event, new Date(BASE.getTime() + 1000));

    for (const user of [u1, u2]) {
      const items = await all(user);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        userId: user,
        type: 'challenge.closed',
        challengeId: event.challengeId,
        bidId: null,
        message: event.message,
        createdAt: BASE,
        readAt: null,
      });
    }
  });

  it('writes a new notification for a new dedupe key', async () => {
    const user = randomUUID();

    await notifications.notify([user], input({ dedupeKey: 'one' }), BASE);
    await notifications.notify([user], input({ dedupeKey: 'two' }), BASE);
    await notifications.notify([], input({ dedupeKey: 'three' }), BASE);

    expect(await all(user)).toHaveLength(2);
  });

  it('lists a user’s own notifications newest first, every one exactly once across pages', async () => {
    const user = randomUUID();
    const other = randomUUID();
    for (const offset of [0, 1, 2, 2, 2, 3, 4]) {
      await notifications.notify([user], input(), new Date(BASE.getTime() + offset * 1000));
    }
    await notifications.notify([other], input(), new Date(BASE.getTime() + 10_000));

    const seen: Notification[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await notifications.listForUser(user, 3, cursor);
      sizes.push(page.items.length);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && sizes.length < 10);

    expect(sizes).toEqual([3, 3, 1]);
    expect(seen.every((n) => n.userId === user)).toBe(true);
    const expected = [...seen].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    expect(seen.map((n) => n.id)).toEqual(expected.map((n) => n.id));
    expect(new Set(seen.map((n) => n.id)).size).toBe(7);
  });

  it('marks the user’s own notification read, once', async () => {
    const user = randomUUID();
    await notifications.notify([user], input(), BASE);
    const [notification] = await all(user);
    const readAt = new Date(BASE.getTime() + 60_000);

    const marked = await notifications.markRead(notification.id, user, readAt);
    const again = await notifications.markRead(notification.id, user, new Date(BASE.getTime() + 120_000));

    expect(marked?.readAt).toEqual(readAt);
    expect(again?.readAt).toEqual(readAt);
    expect((await all(user))[0].readAt).toEqual(readAt);
  });

  it('does not find someone else’s notification to mark read, and leaves it unread', async () => {
    const owner = randomUUID();
    await notifications.notify([owner], input(), BASE);
    const [notification] = await all(owner);

    expect(await notifications.markRead(notification.id, randomUUID(), BASE)).toBeNull();
    expect((await all(owner))[0].readAt).toBeNull();
  });
});
