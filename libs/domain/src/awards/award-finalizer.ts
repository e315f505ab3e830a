import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../audit/audit-trail';
import { BidsRepository } from '../bids/bids.repository';
import { Challenge } from '../challenges/challenge.entity';
import { ChallengesRepository } from '../challenges/challenges.repository';

/**
 * Makes an award final (`publicity → awarded`): shortlisted bids that were not chosen become `rejected`. Used by
 * the worker at `publicityEndsAt` and by the admin dismissing the last open objection after it. The caller holds
 * the challenge row lock and has checked that no objection is open.
 */
@Injectable()
export class AwardFinalizer {
  constructor(
    private readonly challenges: ChallengesRepository,
    private readonly bids: BidsRepository,
    private readonly audit: AuditTrail,
  ) {}

  async finalize(challenge: Challenge, now: Date, actorId: string | null): Promise<void> {
    challenge.finalize(now);
    const winners: string[] = [];
    for (const bid of await this.bids.liveBidsOfChallenge(challenge.id, true)) {
      if (bid.status === 'awarded') winners.push(bid.id);
      if (bid.status !== 'shortlisted') continue;
      bid.reject(now);
      await this.bids.save(bid);
    }
    await this.challenges.save(challenge);
    await this.audit.record({ challengeId: challenge.id, actorId, action: 'challenge.awarded', data: { winners } }, now);
  }
}
