export * from './job-catalog';
export * from './outbox-message.entity';
export * from './outbox';
export * from './outbox-repository';
export * from './queue-connection';
export * from './queue.module';

import { OutboxMessage } from './outbox-message.entity';
export const QUEUE_ENTITIES = [OutboxMessage];
