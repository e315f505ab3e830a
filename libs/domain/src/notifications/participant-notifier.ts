import { Injectable } from '@nestjs/common';
import { BidsRepository } from '../bids/bids.repository';
import { UsersRepository } from '../identity/identity.repositories';
import { NotificationsRepository, NotifyInput } from './notifications.repository';

/** Notifies the people behind organizations: a lead's users, every bidder's users. Idempotent by `dedupeKey`. */
@Injectable()
export class ParticipantNotifier {
  constructor(
    private readonly users: UsersRepository,
    private readonly bids: BidsRepository,
    private readonly notifications: NotificationsRepository,
  ) {}

  async notifyOrganizations(organizationIds: string[], input: NotifyInput, now: Date): Promise<void> {
    await this.notifications.notify(await this.users.idsOfOrganizations(organizationIds), input, now);
  }

  /** Every organization with a live bid on the challenge (server-side only: who bid is never returned). */
  async notifyBidders(challengeId: string, input: NotifyInput, now: Date): Promise<void> {
    await this.notifyOrganizations(await this.bids.liveBidderOrganizations(challengeId), input, now);
  }
}
