import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import { AuditTrail, BidsRepository, ChallengesRepository, ParticipantNotifier } from '@jiebang/domain';
import { Outbox } from '@jiebang/queue';

export type CloseOutcome = 'closed' | 'failed' | 'not-due' | 'not-published';

/**
 * 开标: at the deadline (by the database's clock) a published challenge becomes `closed`, or `failed` with no
 * live bid. Locks the challenge row — the lock every bid write takes — and checks the state it expects, so
 * late, repeated or concurrent runs (delayed job, reconciler, a second worker) change it exactly once.
 */
@Injectable()
export class CloseBiddingTransition {
  private readonly logger = new Logger(CloseBiddingTransition.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly challenges: ChallengesRepository,
    private readonly bids: BidsRepository,
    private readonly audit: AuditTrail,
    private readonly notifier: ParticipantNotifier,
    private readonly outbox: Outbox,
  ) {}

  async run(challengeId: string): Promise<CloseOutcome> {
    const outcome = await this.tx.run(async (): Promise<CloseOutcome> => {
      const challenge = await this.challenges.lockById(challengeId);
      if (!challenge || challenge.status !== 'published') return 'not-published';
      const now = await this.tx.databaseNow();
      if (!challenge.isDueForClose(now)) return 'not-due';
      const liveBids = await this.bids.countLive(challengeId);
      const status = challenge.close(liveBids, now);
      await this.challenges.save(challenge);
      await this.audit.record(
        { challengeId, actorId: null, action: status === 'closed' ? 'challenge.closed' : 'challenge.failed', data: { liveBids } },
        now,
      );
      const message =
        status === 'closed'
          ? `Bidding on 「${challenge.title}」 has closed; the bids are opened for review.`
          : `Bidding on 「${challenge.title}」 has closed without any live bid (流标).`;
      const notice = { type: 'challenge.closed' as const, challengeId, message, dedupeKey: `closed:${challengeId}` };
      await this.notifier.notifyOrganizations([challenge.organizationId], notice, now);
      await this.notifier.notifyBidders(challengeId, notice, now);
      if (status === 'closed') await this.outbox.enqueue('assign-reviewers', { challengeId }, { key: `${challengeId}_closed` });
      return status;
    });
    if (outcome === 'closed' || outcome === 'failed') this.logger.log({ challengeId, outcome }, 'bidding closed');
    return outcome;
  }
}
