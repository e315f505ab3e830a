import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import { AuditData, AuditEvent } from './audit-event.entity';
import { nextAuditEvent } from './audit-chain';

export interface AuditEntry {
  challengeId: string;
  actorId: string | null;
  action: string;
  data?: AuditData;
  contentHash?: string | null;
}

type ChainHead = Pick<AuditEvent, 'seq' | 'hash'>;

/** A challenge's chain as read under its lock: the database's clock then, and the event that would follow. */
export interface AuditTail {
  now: Date;
  /**
   * The next event (not yet written), at `now` unless given; the entry must be of the tail's challenge. Each call
   * continues from the event the previous call made, so several events made from one tail form one chain.
   */
  next(entry: AuditEntry, at?: Date): AuditEvent;
}

function eventAfter(head: ChainHead | null, entry: AuditEntry, at: Date): AuditEvent {
  return nextAuditEvent(head, {
    challengeId: entry.challengeId,
    at,
    actorId: entry.actorId,
    action: entry.action,
    data: entry.data ?? {},
    contentHash: entry.contentHash ?? null,
  });
}

/**
 * Appends to a challenge's hash chain. Callers hold the challenge row lock (every state change of a challenge
 * or its bids takes it), so appends to one chain are serialized; the primary key rejects a forked chain anyway.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly tx: TransactionHost) {}

  /** Appends the next event at `at` (a time the caller read, e.g. `databaseNow()` after its lock). */
  async record(entry: AuditEntry, at: Date): Promise<AuditEvent> {
    const event = (await this.tail(entry.challengeId)).next(entry, at);
    await this.tx.insert([AuditEvent, event]);
    return event;
  }

  /**
   * The chain's head and the database's clock, read in one statement (one round trip fewer than `databaseNow()`
   * then a head read: every bid appends an event, bench/README.md, write path). Call it holding the challenge lock:
   * the head is then the last one, and `now` is read after the lock was granted. The events it makes are written by
   * the caller, in one statement with its other rows if it likes (`TransactionHost.insert`).
   */
  async tail(challengeId: string): Promise<AuditTail> {
    const rows = await this.tx.prepared<{ now: Date; seq: number | null; hash: string | null }>(
      `SELECT clock_timestamp() AS now, h.seq, h.hash FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT seq, hash FROM audit_events WHERE challenge_id = $1 ORDER BY seq DESC LIMIT 1) AS h ON true`,
      [challengeId],
    );
    const { now, seq, hash } = rows[0];
    let head: ChainHead | null = seq === null || hash === null ? null : { seq, hash };
    const clock = new Date(now);
    return {
      now: clock,
      next: (entry, at = clock) => {
        if (entry.challengeId !== challengeId) throw new Error(`An audit tail of ${challengeId} cannot append to ${entry.challengeId}`);
        const event = eventAfter(head, entry, at);
        head = event;
        return event;
      },
    };
  }

  chainOf(challengeId: string): Promise<AuditEvent[]> {
    return this.tx.manager.find(AuditEvent, { where: { challengeId }, order: { seq: 'ASC' } });
  }
}
