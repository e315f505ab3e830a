import { Global, Module } from '@nestjs/common';
import { Outbox } from './outbox';

/** Producers only need the outbox; BullMQ itself lives in the worker. */
@Global()
@Module({ providers: [Outbox], exports: [Outbox] })
export class QueueModule {}
