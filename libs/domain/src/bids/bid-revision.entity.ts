import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BidContent } from './bid.types';
import type { Bid } from './bid.entity';

/** Every revision of every bid, kept for ever; only the last revision of a live bid is ever opened. */
@Entity('bid_revisions')
export class BidRevision {
  @PrimaryColumn('uuid') bidId!: string;
  @PrimaryColumn('integer') revision!: number;
  @Column('jsonb') content!: BidContent;
  @Column('text') contentHash!: string;
  @Column('timestamptz') createdAt!: Date;

  static of(bid: Bid, now: Date): BidRevision {
    const r = new BidRevision();
    r.bidId = bid.id;
    r.revision = bid.revision;
    r.content = bid.content();
    r.contentHash = bid.contentHash;
    r.createdAt = now;
    return r;
  }
}
