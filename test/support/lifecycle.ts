import { registerReviewer, TestUser, Urls } from './actors';
import { client, eventually, Json } from './http';

/** Helpers for tests that walk a challenge past its deadline: reviewers, waiting for statuses, reviewing. */

/** A reviewer registered and approved by `admin` (only approved reviewers are assigned). */
export async function approvedReviewer(stack: Urls, admin: TestUser, expertise: string[], affiliations: string[] = []): Promise<TestUser> {
  const reviewer = await registerReviewer(stack, expertise, affiliations);
  const approved = await client(stack.challengeUrl, admin.token).post(`/api/v1/reviewers/${reviewer.id}/approve`);
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.status} ${JSON.stringify(approved.body)}`);
  return reviewer;
}

/** Waits until the challenge reads `status` (the worker drives time-based and review transitions). */
export function waitForStatus(stack: Urls, challengeId: string, status: string, timeoutMs = 30_000): Promise<Json> {
  return eventually(async () => {
    const r = await client(stack.challengeUrl).get(`/api/v1/challenges/${challengeId}`);
    return r.body?.status === status ? r.body : undefined;
  }, timeoutMs);
}

/** A reviewer's assignments on one challenge. */
export async function assignmentsOf(stack: Urls, reviewer: TestUser, challengeId: string): Promise<Json[]> {
  const r = await client(stack.challengeUrl, reviewer.token).get(`/api/v1/reviews/assignments?challengeId=${challengeId}&limit=100`);
  if (r.status !== 200) throw new Error(`assignments failed: ${r.status}`);
  return r.body.items;
}

/** Scores every criterion of a scorecard at `fraction` of its maximum. */
export function scoresAt(challenge: Json, fraction: number): Record<string, number> {
  return Object.fromEntries(challenge.scorecard.criteria.map((c: Json) => [c.key, Math.round(c.maxScore * fraction * 100) / 100]));
}

/**
 * Every reviewer submits every open assignment on the challenge, scoring each bid with `scoresFor(bidId)`, with a
 * comment for the bidder and a private note.
 */
export async function submitAllReviews(
  stack: Urls,
  reviewers: TestUser[],
  challengeId: string,
  scoresFor: (bidId: string) => Record<string, number>,
): Promise<number> {
  let submitted = 0;
  for (const reviewer of reviewers) {
    for (const a of await assignmentsOf(stack, reviewer, challengeId)) {
      if (a.status !== 'assigned') continue;
      const r = await client(stack.challengeUrl, reviewer.token).put(`/api/v1/reviews/assignments/${a.id}/review`, {
        scores: scoresFor(a.bidId),
        comment: `评审意见 for ${a.bidId.slice(0, 8)}: 方案可行`,
        privateNote: `PRIVATE-NOTE ${reviewer.id}`,
        submit: true,
      });
      if (r.status !== 200) throw new Error(`review failed: ${r.status} ${JSON.stringify(r.body)}`);
      submitted += 1;
    }
  }
  return submitted;
}
