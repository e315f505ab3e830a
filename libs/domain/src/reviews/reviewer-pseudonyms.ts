/**
 * Stable reviewer pseudonyms of one challenge ("Reviewer 1", "Reviewer 2", …): reviewers who submitted a review,
 * numbered by their first assignment on the challenge, then by id. Leads and the audit chain see these, never
 * reviewer identities; the numbering cannot change once review is over.
 */
export function reviewerPseudonyms(
  assignments: Array<{ reviewerId: string; status: string; assignedAt: Date }>,
): Map<string, string> {
  const first = new Map<string, number>();
  for (const a of assignments) {
    if (a.status !== 'submitted') continue;
    const at = a.assignedAt.getTime();
    first.set(a.reviewerId, Math.min(first.get(a.reviewerId) ?? at, at));
  }
  const ordered = [...first.entries()].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return new Map(ordered.map(([id], i) => [id, `Reviewer ${i + 1}`]));
}
