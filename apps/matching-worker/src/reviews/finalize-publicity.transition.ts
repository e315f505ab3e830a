import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import { AwardFinalizer, ChallengesRepository, ObjectionsRepository } from '@jiebang/domain';

export type FinalizeOutcome = 'awarded' | 'objections-open' | 'not-due' | 'skipped';

/**
 * 公示 ends: at `publicityEndsAt` (the database's clock) a challenge in publicity with no open objection becomes
 * `awarded`. A delayed job is the fast path, the reconciler the guarantee; the row lock and the status check
 * make repeated or late runs harmless. With an objection open it waits: the admin's decision finishes it.
 */
@Injectable()
export class FinalizePublicityTransition {
  private readonly logger = new Logger(FinalizePublicityTransition.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly challenges: ChallengesRepository,
    private readonly objections: ObjectionsRepository,
    private readonly finalizer: AwardFinalizer,
  ) {}

  async run(challengeId: string): Promise<FinalizeOutcome> {
    const outcome = await this.tx.run(async (): Promise<FinalizeOutcome> => {
      const challenge = await this.challenges.lockById(challengeId);
      if (!challenge || challenge.status !== 'publicity') return 'skipped';
      const now = await this.tx.databaseNow();
      if (!challenge.isDueForFinalization(now)) return 'not-due';
      if ((await this.objections.countOpen(challengeId)) > 0) return 'objections-open';
      await this.finalizer.finalize(challenge, now, null);
      return 'awarded';
    });
    if (outcome === 'awarded') this.logger.log({ challengeId }, 'award final');
    return outcome;
  }
}
