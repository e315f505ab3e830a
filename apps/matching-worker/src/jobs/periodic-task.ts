import { Logger } from '@nestjs/common';

/**
 * A self-rescheduling timer for the worker's background loops (outbox relay, reconciler, profile following):
 * one pass at a time, the next scheduled after the previous ends (`nextDelay` may ask for an immediate pass),
 * a failed pass logged and retried, and `stop()` waits for the pass in flight.
 */
export class PeriodicTask<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
    private readonly pass: () => Promise<T>,
    private readonly nextDelay: (result: T | undefined) => number,
  ) {}

  start(initialDelay = 0): void {
    this.stopped = false;
    this.schedule(initialDelay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, `${this.name} pass failed; will retry`);
          return undefined;
        })
        .then((result) => this.schedule(this.nextDelay(result)));
    }, delay);
    this.timer.unref();
  }
}
