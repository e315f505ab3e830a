/** Jobs of the matching queue running at once (BullMQ concurrency). */
export const MATCHING_CONCURRENCY = 16;
/** Of those, jobs that rank every profile or every open challenge (the heavy ones) at once. */
export const HEAVY_MATCHING_JOBS = 2;
/**
 * `assess-bid` batches: at most as many revisions as jobs run at once (a batch never holds more), two batches in
 * flight — one being read and written while the jobs that arrive meanwhile gather for the next.
 */
export const ASSESSMENT_BATCHES = { maxBatch: MATCHING_CONCURRENCY, maxInFlight: 2 };
