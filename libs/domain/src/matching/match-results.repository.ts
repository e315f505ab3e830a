import { Injectable } from '@nestjs/common';
import { asRow, TransactionHost } from '@jiebang/database';
import { BidContent } from '../bids/bid.types';
import { Challenge } from '../challenges/challenge.entity';
import { EnterpriseProfile } from '../enterprises/enterprise-profile.entity';
import { Organization } from '../identity/organization.entity';
import { decodeScoreCursor, encodeScoreCursor, Page, pageOf } from '../shared/cursor';
import { BidAssessment, ChallengeMatch, Recommendation } from './match-results.entity';

export interface OpenRecommendation {
  challengeId: string;
  title: string;
  score: number;
  rank: number;
  eligible: boolean;
  explanation: Recommendation['explanation'];
  bidDeadline: Date;
  bidId: string | null;
}

/** One bid revision to assess. */
export interface AssessmentKey {
  bidId: string;
  revision: number;
}

/** What the advisory assessment of one bid revision reads. */
export interface AssessmentInputs {
  content: BidContent;
  challenge: Challenge;
  organization: Organization;
  profile: EnterpriseProfile | null;
}

/**
 * Results of the matching worker, written idempotently: a job that runs twice replaces the same rows
 * (natural keys), so BullMQ's at-least-once delivery is harmless.
 */
@Injectable()
export class MatchResultsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Replaces a challenge's stored matches in one transaction. */
  async replaceMatches(challengeId: string, matches: ChallengeMatch[]): Promise<void> {
    await this.tx.run(async () => {
      await this.tx.manager.delete(ChallengeMatch, { challengeId });
      if (matches.length > 0) await this.tx.manager.insert(ChallengeMatch, matches.map(asRow));
    });
  }

  /** A challenge's stored matches, best first, with each organization's name. */
  listMatches(challengeId: string): Promise<Array<ChallengeMatch & { organizationName: string }>> {
    return this.tx.manager.query(
      `SELECT m.challenge_id AS "challengeId", m.organization_id AS "organizationId", o.name AS "organizationName",
              m.rank, m.score, m.eligible, m.explanation, m.method, m.computed_at AS "computedAt"
         FROM challenge_matches m JOIN organizations o ON o.id = m.organization_id
        WHERE m.challenge_id = $1 ORDER BY m.rank`,
      [challengeId],
    );
  }

  /** Replaces an organization's recommendations (every open challenge scored for it). */
  async replaceRecommendations(organizationId: string, rows: Recommendation[]): Promise<void> {
    await this.tx.run(async () => {
      await this.tx.manager.delete(Recommendation, { organizationId });
      if (rows.length > 0) await this.tx.manager.insert(Recommendation, rows.map(asRow));
    });
  }

  /** Adds or replaces one challenge's score for several organizations (a newly published challenge). */
  async upsertRecommendations(rows: Recommendation[]): Promise<void> {
    if (rows.length > 0) await this.tx.manager.upsert(Recommendation, rows.map(asRow), ['organizationId', 'challengeId']);
  }

  /**
   * An SME's recommendations on challenges still open for bids (by the database's clock), best first, a page at a
   * time (keyset on score and challenge id, so a page never repeats or skips one because another closed meanwhile);
   * the rank is computed here among all the open ones, with the SME's live bid on each challenge, if any.
   */
  async listOpenRecommendations(organizationId: string, limit: number, cursor?: string): Promise<Page<OpenRecommendation>> {
    const after = cursor ? decodeScoreCursor(cursor) : null;
    const rows: Array<Omit<OpenRecommendation, 'rank'> & { rank: string }> = await this.tx.manager.query(
      `SELECT * FROM (
         SELECT r.challenge_id AS "challengeId", c.title, r.score, r.eligible, r.explanation, c.bid_deadline AS "bidDeadline",
                b.id AS "bidId", row_number() OVER (ORDER BY r.score DESC, r.challenge_id) AS rank
           FROM recommendations r
           JOIN challenges c ON c.id = r.challenge_id
           LEFT JOIN bids b ON b.challenge_id = r.challenge_id AND b.organization_id = r.organization_id AND b.status <> 'withdrawn'
          WHERE r.organization_id = $1 AND c.status = 'published' AND c.bid_deadline > clock_timestamp()
       ) ranked
        WHERE $3::float8 IS NULL OR ranked.score < $3::float8 OR (ranked.score = $3::float8 AND ranked."challengeId" > $4::uuid)
        ORDER BY ranked.rank
        LIMIT $2`,
      [organizationId, limit + 1, after?.score ?? null, after?.id ?? null],
    );
    return pageOf(
      rows.map((r) => ({ ...r, rank: Number(r.rank) })),
      limit,
      (r) => encodeScoreCursor({ score: r.score, id: r.challengeId }),
    );
  }

  /**
   * Stores assessments by (bid, revision), replacing what a previous run stored: one statement for the whole batch
   * (the matching worker's group commit, bench/README.md "queue throughput").
   */
  async saveAssessments(assessments: BidAssessment[]): Promise<void> {
    await this.tx.upsertMany(BidAssessment, assessments, ['bidId', 'revision']);
  }

  /**
   * For each (bid, revision), its content, its challenge, the bidding organization and its profile, in one query
   * for the whole batch (instead of five per revision); in the keys' order, null where any but the profile is gone.
   */
  async assessmentInputs(keys: AssessmentKey[]): Promise<Array<AssessmentInputs | null>> {
    if (keys.length === 0) return [];
    const challenges = this.tx.rows(Challenge);
    const organizations = this.tx.rows(Organization);
    const profiles = this.tx.rows(EnterpriseProfile);
    const rows = await this.tx.prepared(
      `SELECT k.i AS "key", r.content AS "content", ${challenges.select('c', 'c.')}, ${organizations.select('o', 'o.')}, ${profiles.select('p', 'p.')}
         FROM unnest($1::uuid[], $2::integer[]) WITH ORDINALITY AS k(bid_id, revision, i)
         JOIN bid_revisions r ON r.bid_id = k.bid_id AND r.revision = k.revision
         JOIN bids b ON b.id = r.bid_id
         JOIN challenges c ON c.id = b.challenge_id
         JOIN organizations o ON o.id = b.organization_id
         LEFT JOIN enterprise_profiles p ON p.organization_id = o.id`,
      [keys.map((k) => k.bidId), keys.map((k) => k.revision)],
    );
    const inputs: Array<AssessmentInputs | null> = keys.map(() => null);
    for (const row of rows) {
      inputs[Number(row.key) - 1] = {
        content: row.content as BidContent,
        challenge: challenges.toEntity(row, 'c.'),
        organization: organizations.toEntity(row, 'o.'),
        profile: profiles.toEntityOrNull(row, 'p.'),
      };
    }
    return inputs;
  }

  findAssessment(bidId: string, revision: number): Promise<BidAssessment | null> {
    return this.tx.manager.findOne(BidAssessment, { where: { bidId, revision } });
  }
}
