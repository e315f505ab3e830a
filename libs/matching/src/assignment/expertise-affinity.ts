/** How many of the document's heaviest terms the coverage half of the affinity looks at. */
export const DOCUMENT_TOP_TERMS = 10;

/**
 * How well a reviewer's expertise covers a document (challenge + bid text), as an integer 0..100.
 *
 * Both inputs are already tokenized (the caller's tokenizer, e.g. `tokenize`); terms compare exactly. With
 * `w(t) = idf(t)` (default 1; negative or non-finite weights count 0):
 *  - focus = Σ w(e) over the reviewer's distinct expertise terms present in the document
 *            / Σ w(e) over all of the reviewer's distinct expertise terms
 *    — how much of what the reviewer knows is about this document;
 *  - coverage = Σ tf(t)·w(t) over the document's top terms the reviewer knows
 *               / Σ tf(t)·w(t) over the document's top terms,
 *    where the top terms are the `DOCUMENT_TOP_TERMS` distinct document terms with the highest tf·w (ties by
 *    term, in code-unit order) — how much of what the document is about the reviewer knows;
 *  - affinity = round(100 × (focus + coverage) / 2).
 * So 0 with no shared term, 100 when the reviewer's expertise is exactly the document's vocabulary (or its
 * top terms and nothing else), and rarer shared terms weigh more when an idf is given. Deterministic.
 */
export function expertiseAffinity(
  expertiseTerms: string[],
  documentTerms: string[],
  idf: (term: string) => number = () => 1,
): number {
  const weightCache = new Map<string, number>();
  const weight = (term: string): number => {
    let w = weightCache.get(term);
    if (w === undefined) {
      const raw = idf(term);
      w = Number.isFinite(raw) && raw > 0 ? raw : 0;
      weightCache.set(term, w);
    }
    return w;
  };

  const frequency = new Map<string, number>();
  for (const term of documentTerms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const expertise = new Set(expertiseTerms);
  if (expertise.size === 0 || frequency.size === 0) return 0;

  let known = 0;
  let knownInDocument = 0;
  for (const term of expertise) {
    known += weight(term);
    if (frequency.has(term)) knownInDocument += weight(term);
  }
  const focus = known > 0 ? knownInDocument / known : 0;

  const top = [...frequency]
    .map(([term, tf]) => ({ term, mass: tf * weight(term) }))
    .sort((x, y) => y.mass - x.mass || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0))
    .slice(0, DOCUMENT_TOP_TERMS);
  let topMass = 0;
  let coveredMass = 0;
  for (const { term, mass } of top) {
    topMass += mass;
    if (expertise.has(term)) coveredMass += mass;
  }
  const coverage = topMass > 0 ? coveredMass / topMass : 0;

  return Math.min(100, Math.max(0, Math.round((100 * (focus + coverage)) / 2)));
}
