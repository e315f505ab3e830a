/** Query keys of the reviewer pages. */

/** One assignment with its bid, scorecard and review (GET /api/v1/reviews/assignments/:id). */
export const detailKey = (id: string) => ['reviewer', 'assignment', id];
