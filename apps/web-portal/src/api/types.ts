/** Short names for the generated API types (regenerate those with `npm run api:client`). */
import type { components as B } from './bidding-service';
import type { components as C } from './challenge-service';

type CS = C['schemas'];
type BS = B['schemas'];

export type Problem = CS['ProblemDetails'];
export type FieldError = CS['FieldErrorResponse'];

export type User = CS['MeResponse']['user'];
export type Role = User['role'];
export type Challenge = CS['ChallengeResponse'];
export type ChallengeStatus = Challenge['status'];
export type CreateChallenge = CS['CreateChallengeDto'];
export type UpdateChallenge = CS['UpdateChallengeDto'];
export type Match = CS['MatchResponse'];
export type Question = CS['QuestionResponse'];
export type RankingItem = CS['RankingItemResponse'];
export type ChallengeReview = CS['ChallengeReviewResponse'];
export type Result = CS['ResultResponse'];
export type Objection = CS['ObjectionResponse'];
export type AuditEvent = CS['AuditEventResponse'];
export type AuditVerification = CS['AuditVerificationResponse'];
export type Notification = CS['NotificationResponse'];
export type Assignment = CS['AssignmentResponse'];
export type AssignmentDetail = CS['AssignmentDetailResponse'];
export type EligibilityCheck = CS['EligibilityCheckResponse'];

export type Bid = BS['BidResponse'];
export type BidStatus = Bid['status'];
export type SubmitBid = BS['SubmitBidDto'];
export type AmendBid = BS['AmendBidDto'];
export type Assessment = BS['AssessmentResponse'];
export type Feedback = BS['FeedbackResponse'];
export type Profile = BS['ProfileResponse'];
export type PutProfile = BS['PutProfileDto'];
export type Recommendation = BS['RecommendationResponse'];
export type ImportResult = BS['ImportResponse'];
export type Session = CS['SessionResponse'];
export type Reviewer = CS['ReviewerResponse'];
export type RegisterBody = CS['RegisterDto'];
