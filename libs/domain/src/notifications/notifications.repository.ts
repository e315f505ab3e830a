import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import { CursorPosition, decodeCursor, Page, toPage } from '../shared/cursor';
import { Notification, NotificationType } from './notification.entity';

const position = (n: Notification): CursorPosition => ({ at: n.createdAt, id: n.id });

export interface NotifyInput {
  type: NotificationType;
  challengeId?: string | null;
  bidId?: string | null;
  message: string;
  /** Same key for the same event: writing it twice (a retried job) creates one notification per user. */
  dedupeKey: string;
}

@Injectable()
export class NotificationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Notifies each user once per `dedupeKey`; duplicates are ignored by the unique index. */
  async notify(userIds: string[], input: NotifyInput, now: Date): Promise<void> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return;
    const rows = unique.map((userId) => Notification.create({ ...input, userId }, now));
    await this.tx.manager.createQueryBuilder().insert().into(Notification).values(rows).orIgnore().execute();
  }

  async listForUser(userId: string, limit: number, cursor?: string): Promise<Page<Notification>> {
    const qb = this.tx.manager.createQueryBuilder(Notification, 'n').where('n.user_id = :userId', { userId });
    if (cursor) {
      const after = decodeCursor(cursor);
      qb.andWhere('(n.created_at, n.id) < (:at, :id)', { at: after.at, id: after.id });
    }
    const rows = await qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(limit + 1).getMany();
    return toPage(rows, limit, position);
  }

  /** Marks one of the user's own notifications read; someone else's is not found. */
  async markRead(id: string, userId: string, now: Date): Promise<Notification | null> {
    const found = await this.tx.manager.findOne(Notification, { where: { id, userId } });
    if (!found) return null;
    if (!found.readAt) {
      found.readAt = now;
      await this.tx.manager.update(Notification, { id, userId }, { readAt: now });
    }
    return found;
  }
}
