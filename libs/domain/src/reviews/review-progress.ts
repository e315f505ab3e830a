import { AssignmentStatus } from './review.types';

type AssignmentState = { bidId: string; status: AssignmentStatus };

/** Per bid, how many of its assignments are in one of `statuses`. */
export function countByBid(assignments: AssignmentState[], statuses: AssignmentStatus[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of assignments) if (statuses.includes(a.status)) counts.set(a.bidId, (counts.get(a.bidId) ?? 0) + 1);
  return counts;
}

/** Ready to aggregate: no assignment is open and every live bid has `reviewersPerBid` submitted reviews. */
export function everyReviewIn(liveBidIds: string[], assignments: AssignmentState[], reviewersPerBid: number): boolean {
  if (assignments.some((a) => a.status === 'assigned')) return false;
  const submitted = countByBid(assignments, ['submitted']);
  return liveBidIds.every((id) => (submitted.get(id) ?? 0) >= reviewersPerBid);
}
