import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChallengesRepository } from '@jiebang/domain';
import { APP_CONFIG, AppConfig } from '@jiebang/platform';
import { PeriodicTask } from '../jobs/periodic-task';
import { CloseBiddingTransition } from './close-bidding.transition';

/** Advisory-lock key of the reconciler ("jiebang" as a number); one worker reconciles at a time. */
export const RECONCILER_LOCK_KEY = 0x6a6965;

/**
 * Applies every overdue time-driven transition it finds in the database, every RECONCILE_INTERVAL_MS. A timer,
 * not a Redis job, so it works while Redis is down or after Redis lost its data; the delayed jobs are the fast
 * path, this is the guarantee.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private readonly task = new PeriodicTask('reconciler', this.logger, () => this.tick(), () => this.config.reconcileIntervalMs);

  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengesRepository,
    private readonly closeBidding: CloseBiddingTransition,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; returns the number of transitions applied. */
  async tick(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RECONCILER_LOCK_KEY])) as Array<{ locked: boolean }>;
      if (!locked) return 0;
      try {
        let applied = 0;
        for (const id of await this.challenges.idsDueForClose(200)) {
          const outcome = await this.closeBidding.run(id);
          if (outcome === 'closed' || outcome === 'failed') applied += 1;
        }
        if (applied > 0) this.logger.log({ applied }, 'reconciler applied overdue transitions');
        return applied;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RECONCILER_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
