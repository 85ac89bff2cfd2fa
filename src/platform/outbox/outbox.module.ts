import { Global, Module } from '@nestjs/common';
import { Outbox } from './outbox';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxHandlers } from './outbox-handlers';
import { OutboxStats } from './outbox-stats';

/**
 * Background work after commit: `Outbox.enqueue` in the business transaction, a handler per
 * topic registered in `OutboxHandlers` by the module that owns the work, and one dispatcher
 * per process that runs them, retries, and parks what keeps failing (see README, "Background work").
 */
@Global()
@Module({
  providers: [Outbox, OutboxHandlers, OutboxDispatcher, OutboxStats],
  exports: [Outbox, OutboxHandlers, OutboxDispatcher],
})
export class OutboxModule {}
