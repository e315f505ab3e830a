import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import { IsNull } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

/** Queries of the outbox relay: claim pending rows without blocking other relays, mark them sent. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Pending messages, oldest first, locked for this transaction; rows another relay holds are skipped. */
  claimPending(limit: number): Promise<OutboxMessage[]> {
    return this.tx.manager
      .createQueryBuilder(OutboxMessage, 'm')
      .where('m.sent_at IS NULL')
      .orderBy('m.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markSent(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.manager.createQueryBuilder().update(OutboxMessage).set({ sentAt: at }).where('id IN (:...ids)', { ids }).execute();
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ attempts: () => 'attempts + 1', lastError: error.slice(0, 1000) })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * After Redis lost its data: messages sent since `since`, and delayed ones not yet due, become pending again
   * (the relay publishes them once more, with the same job ids). Returns how many.
   */
  async markPendingAgain(since: Date): Promise<number> {
    const result = await this.tx.manager
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ sentAt: null })
      .where('sent_at IS NOT NULL AND (sent_at >= :since OR run_at > now())', { since })
      .execute();
    return result.affected ?? 0;
  }

  async pendingCount(): Promise<number> {
    return this.tx.manager.count(OutboxMessage, { where: { sentAt: IsNull() } });
  }
}
