import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@jiebang/auth';
import { Actor, Bid, BidRanking, BidsRepository, Challenge, ChallengesRepository, InvalidStateError, NotFoundError, ReviewsRepository } from '@jiebang/domain';
import { ProblemDetails, UuidParam } from '@jiebang/platform';

export class CriterionFeedbackResponse {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: "Mean of the reviewers' scores on this criterion" }) score!: number;
  @ApiProperty() maxScore!: number;
}

export class FeedbackResponse {
  @ApiProperty({ description: 'Rank among the ranked bids' }) rank!: number;
  @ApiProperty({ description: 'How many bids were ranked' }) of!: number;
  @ApiProperty({ description: 'Official score 0–100' }) score!: number;
  @ApiProperty() shortlisted!: boolean;
  @ApiProperty() awarded!: boolean;
  @ApiProperty({ description: 'Why the bid was or was not chosen, in a sentence' }) reason!: string;
  @ApiProperty({ type: [CriterionFeedbackResponse] }) criteria!: CriterionFeedbackResponse[];
  @ApiProperty({ type: [String], description: 'Reviewer comments meant for the bidder (never identities or private notes)' }) comments!: string[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The sentence of the feedback: why this bid was or was not chosen. */
export function feedbackReason(challenge: Challenge, bid: Bid, ranking: BidRanking): string {
  const place = `ranked ${ranking.rank} of ${ranking.of} with ${round2(ranking.score)} points`;
  if (bid.status === 'disqualified') return `Your bid ${place} and was awarded, but an objection against it was upheld: it is disqualified.`;
  if (bid.status === 'awarded') {
    return challenge.status === 'awarded'
      ? `Your bid ${place} and was chosen: the award is final.`
      : `Your bid ${place} and was chosen; the award becomes final when publicity ends without an upheld objection.`;
  }
  if (ranking.shortlisted) return `Your bid ${place} and was shortlisted, but the lead enterprise chose other shortlisted bids.`;
  if (ranking.score < challenge.passingScore) return `Your bid ${place}, below the passing score of ${challenge.passingScore}.`;
  return `Your bid ${place}; only the top ${challenge.shortlistSize} bids at or above the passing score were shortlisted.`;
}

@Injectable()
export class FeedbackService {
  constructor(
    private readonly bids: BidsRepository,
    private readonly challenges: ChallengesRepository,
    private readonly reviews: ReviewsRepository,
  ) {}

  /** The bidder's own feedback, from publicity on (or once a reviewed challenge failed). */
  async feedback(actor: Actor, bidId: string): Promise<FeedbackResponse> {
    const bid = actor.organizationId ? await this.bids.findOfOrganization(bidId, actor.organizationId) : null;
    const challenge = bid ? await this.challenges.findById(bid.challengeId) : null;
    if (!bid || !challenge) throw new NotFoundError('Bid');
    const ranking = await this.reviews.rankingOfBid(bid.id);
    const available = challenge.hasResult || (challenge.status === 'failed' && ranking !== null);
    if (!available) throw new InvalidStateError(`The challenge is ${challenge.status}; feedback is available from publicity on.`);
    if (!ranking) throw new InvalidStateError(`The bid is ${bid.status}; only reviewed bids have feedback.`);
    const names = new Map(challenge.scorecard.criteria.map((c) => [c.key, c.name]));
    const comments = (await this.reviews.submittedReviewsOfBid(bid.id)).map((r) => r.comment.trim()).filter((c) => c.length > 0);
    return {
      rank: ranking.rank,
      of: ranking.of,
      score: ranking.score,
      shortlisted: ranking.shortlisted,
      awarded: bid.status === 'awarded',
      reason: feedbackReason(challenge, bid, ranking),
      criteria: ranking.criteria.map((c) => ({ key: c.key, name: names.get(c.key) ?? c.key, score: c.mean, maxScore: c.maxScore })),
      comments,
    };
  }
}

@ApiTags('bids')
@ApiBearerAuth()
@Controller('api/v1/bids/:id/feedback')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get()
  @Roles('sme')
  @ApiOperation({ summary: 'Feedback on your bid: rank of how many, score, per-criterion scores, reviewer comments, and why.' })
  @ApiResponse({ status: 200, type: FeedbackResponse })
  @ApiResponse({ status: 404, type: ProblemDetails, description: 'not your bid' })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE before publicity (or a failed review)' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<FeedbackResponse> {
    return this.feedback.feedback(actor, id);
  }
}
