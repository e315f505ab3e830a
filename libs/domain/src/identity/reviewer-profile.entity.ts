import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InvalidStateError } from '../errors';
import { ReviewerStatus } from './roles';

/** A reviewer's declared expertise and affiliations (credit codes), and whether an admin approved them. */
@Entity('reviewer_profiles')
export class ReviewerProfile {
  @PrimaryColumn('uuid') userId!: string;
  @Column('text', { array: true }) expertise!: string[];
  @Column('text', { array: true }) affiliations!: string[];
  @Column('text') status!: ReviewerStatus;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;

  static register(userId: string, expertise: string[], affiliations: string[], now: Date): ReviewerProfile {
    const profile = new ReviewerProfile();
    profile.userId = userId;
    profile.expertise = [...new Set(expertise)];
    profile.affiliations = [...new Set(affiliations)];
    profile.status = 'pending';
    profile.createdAt = now;
    profile.updatedAt = now;
    return profile;
  }

  approve(now: Date): void {
    if (this.status === 'approved') throw new InvalidStateError('The reviewer is already approved.');
    this.status = 'approved';
    this.updatedAt = now;
  }

  suspend(now: Date): void {
    if (this.status === 'suspended') throw new InvalidStateError('The reviewer is already suspended.');
    this.status = 'suspended';
    this.updatedAt = now;
  }
}
