import { Inject, Injectable } from '@nestjs/common';
import {
  AssessmentInputs,
  AssessmentKey,
  BidAssessment,
  ChallengeMatch,
  ChallengesRepository,
  EnterpriseProfilesRepository,
  MatchResultsRepository,
  ParticipantNotifier,
  Recommendation,
  StoredExplanation,
} from '@jiebang/domain';
import { assessBid, RankedEnterprise } from '@jiebang/matching';
import { APP_CONFIG, AppConfig, MetricsService } from '@jiebang/platform';
import { BatchOutcome, GroupBatcher } from '../jobs/group-batcher';
import { toChallengeQuery, toEnterpriseDocument } from './documents';
import { ASSESSMENT_BATCHES } from './matching-limits';
import { ProfileIndex } from './profile-index';

export const MATCHES_STORED = 200;

const explanationOf = (ranked: RankedEnterprise): StoredExplanation => ({ ...ranked.explanation, reasons: ranked.reasons });

/**
 * The matching jobs. Each reloads state by id, computes with `libs/matching`, and writes by natural key
 * (replace or upsert), so running a job twice leaves the same rows; notifications carry a dedupe key.
 */
@Injectable()
export class MatchingHandlers {
  private readonly assessments = new GroupBatcher((keys: AssessmentKey[]) => this.assessBatch(keys), ASSESSMENT_BATCHES);

  constructor(
    private readonly index: ProfileIndex,
    private readonly challenges: ChallengesRepository,
    private readonly profiles: EnterpriseProfilesRepository,
    private readonly results: MatchResultsRepository,
    private readonly notifier: ParticipantNotifier,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A published challenge: store its top 200 with explanations, score it for every registered SME, notify the top. */
  async matchChallenge(challengeId: string): Promise<{ stored: number; notified: number } | 'skipped'> {
    const challenge = await this.challenges.findById(challengeId);
    if (!challenge || challenge.status === 'draft' || challenge.status === 'cancelled') return 'skipped';
    const index = await this.index.current();
    const query = toChallengeQuery(challenge);
    const now = new Date();
    const ranked = index.rank(query, { limit: MATCHES_STORED });
    await this.results.replaceMatches(
      challengeId,
      ranked.map((r) =>
        Object.assign(new ChallengeMatch(), {
          challengeId,
          organizationId: r.enterpriseId,
          rank: r.rank,
          score: r.score,
          eligible: r.eligible,
          explanation: explanationOf(r),
          method: r.explanation.method,
          computedAt: now,
        }),
      ),
    );
    const recommendations: Recommendation[] = [];
    for (const organizationId of await this.profiles.registeredSmeIds()) {
      const scored = index.scoreOne(query, organizationId);
      if (scored) recommendations.push(this.recommendation(organizationId, challengeId, scored, now));
    }
    await this.results.upsertRecommendations(recommendations);
    const top = ranked.filter((r) => r.eligible).slice(0, this.config.matchNotifyTop);
    await this.notifier.notifyOrganizations(
      top.map((r) => r.enterpriseId),
      {
        type: 'challenge.matched',
        challengeId,
        message: `A new challenge matches your capabilities: 「${challenge.title}」.`,
        dedupeKey: `matched:${challengeId}`,
      },
      now,
    );
    return { stored: ranked.length, notified: top.length };
  }

  /** A changed profile: rank every challenge still open for bids for this SME. */
  async rematchEnterprise(organizationId: string): Promise<number> {
    const index = await this.index.current();
    const now = new Date();
    const rows: Recommendation[] = [];
    if (index.has(organizationId)) {
      for (const challenge of await this.challenges.listOpenForBids()) {
        const scored = index.scoreOne(toChallengeQuery(challenge), organizationId);
        if (scored) rows.push(this.recommendation(organizationId, challenge.id, scored, now));
      }
    }
    await this.results.replaceRecommendations(organizationId, rows);
    return rows.length;
  }

  /**
   * One bid revision's advisory assessment (eligibility, capability fit, price, duration), stored by (bid, revision).
   * The revisions whose jobs run at the same time are read in one query and stored in one statement
   * (`GroupBatcher`); a job still resolves with its own outcome, and a batch that fails is run again one job at a time.
   */
  assessBid(bidId: string, revision: number): Promise<'assessed' | 'skipped'> {
    return this.assessments.submit({ bidId, revision });
  }

  private async assessBatch(keys: AssessmentKey[]): Promise<Array<BatchOutcome<'assessed' | 'skipped'>>> {
    this.metrics
      .histogram('jiebang_assessment_batch_size', 'assess-bid jobs read and stored together', [], [1, 2, 4, 8, 16])
      .observe(keys.length);
    const inputs = await this.results.assessmentInputs(keys);
    const computedAt = new Date();
    const rows: BidAssessment[] = [];
    const outcomes = keys.map((key, i): BatchOutcome<'assessed' | 'skipped'> => {
      const input = inputs[i];
      if (!input) return { value: 'skipped' };
      try {
        rows.push(this.assessment(key, input, computedAt));
        return { value: 'assessed' };
      } catch (error) {
        return { error };
      }
    });
    await this.results.saveAssessments(rows);
    return outcomes;
  }

  private assessment({ bidId, revision }: AssessmentKey, inputs: AssessmentInputs, computedAt: Date): BidAssessment {
    const { challenge, organization, profile, content } = inputs;
    const result = assessBid({
      challenge: {
        ...toChallengeQuery(challenge),
        kpis: challenge.kpis.map((k) => ({ id: k.id, name: k.name, target: k.target, mandatory: k.mandatory })),
        rewardYuan: challenge.rewardYuan,
        eligibility: challenge.eligibility,
      },
      enterprise: toEnterpriseDocument(organization, profile),
      bid: content,
    });
    return Object.assign(new BidAssessment(), {
      bidId,
      revision,
      method: result.method,
      eligible: result.eligible,
      reasons: result.reasons,
      fit: { ...result.fit },
      price: { ...result.price },
      duration: { ...result.duration },
      total: result.total,
      explanation: { ...result.explanation },
      computedAt,
    });
  }

  private recommendation(organizationId: string, challengeId: string, scored: RankedEnterprise, now: Date): Recommendation {
    return Object.assign(new Recommendation(), {
      organizationId,
      challengeId,
      score: scored.score,
      eligible: scored.eligible,
      explanation: explanationOf(scored),
      method: scored.explanation.method,
      computedAt: now,
    });
  }
}
