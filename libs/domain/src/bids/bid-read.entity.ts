import { randomUUID } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A read of a bid by anyone but its author (QUALITY.md: every such read is recorded). */
@Entity('bid_reads')
@Index('bid_reads_bid_idx', ['bidId', 'readAt'])
export class BidRead {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') bidId!: string;
  @Column('uuid') readerId!: string;
  @Column('text') readerRole!: string;
  @Column('text') purpose!: string;
  @Column('timestamptz') readAt!: Date;

  static record(bidId: string, reader: { id: string; role: string }, purpose: string, now: Date): BidRead {
    const read = new BidRead();
    read.id = randomUUID();
    read.bidId = bidId;
    read.readerId = reader.id;
    read.readerRole = reader.role;
    read.purpose = purpose;
    read.readAt = now;
    return read;
  }
}
