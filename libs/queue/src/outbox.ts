import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InsertEntry, TransactionHost } from '@jiebang/database';
import { JOB_QUEUE, JobName, JobPayload } from './job-catalog';
import { OutboxMessage } from './outbox-message.entity';

export interface EnqueueOptions {
  /** Deterministic job id (e.g. one close per challenge and deadline); defaults to a new id for this row. */
  key?: string;
  /** Run no earlier than this (delayed job). */
  runAt?: Date;
}

/**
 * The one enqueue API. It only writes an outbox row in the caller's transaction; the worker's relay publishes
 * it to BullMQ after commit. Calling it outside a transaction is a bug and throws.
 */
@Injectable()
export class Outbox {
  constructor(private readonly tx: TransactionHost) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<void> {
    await this.tx.insert(this.message(name, payload, options));
  }

  /**
   * The outbox row `enqueue` writes, for a caller that writes it in one statement with its own rows
   * (`TransactionHost.insert`). The same rule holds: only inside a transaction.
   */
  message<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): InsertEntry {
    if (!this.tx.inTransaction) throw new Error(`Outbox.enqueue(${name}) must run inside a transaction`);
    const message = new OutboxMessage();
    message.queue = JOB_QUEUE[name];
    message.jobName = name;
    message.payload = { ...payload };
    message.jobKey = `${name}_${options.key ?? randomUUID()}`.replace(/[^A-Za-z0-9_-]/g, '-');
    message.runAt = options.runAt ?? null;
    message.createdAt = new Date();
    message.sentAt = null;
    message.attempts = 0;
    message.lastError = null;
    return [OutboxMessage, message];
  }
}
