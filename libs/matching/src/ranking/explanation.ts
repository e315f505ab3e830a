import type { RankingParameters } from './parameters';
import { type PreparedQuery, SIGNALS, type SignalValues } from './scoring';
import { calibrateScore } from './signals';
import type { EnterpriseDocument, MatchExplanation, SignalContribution, SignalName } from './types';

/** What scoring found in one past project (scores normalised to the query's attainable maximum). */
export interface ProjectEvidence {
  /** Index in `pastProjects`. */
  index: number;
  score: number;
  /** Its (dequantised) share of the track-record and issuer-history sums. */
  track: number;
  issuer: number;
}

export interface ExplanationInput {
  prepared: PreparedQuery;
  doc: EnterpriseDocument;
  capabilityTerms: readonly number[][];
  certificationTerms: ReadonlyArray<{ key: string; terms: readonly number[] }>;
  values: SignalValues;
  raw: number;
  params: RankingParameters;
  termContributions: ReadonlyArray<{ term: string; contribution: number }>;
  projects: readonly ProjectEvidence[];
  method: string;
}

const MAX_TERMS = 20;

/** A capability matches when at least half of its distinct terms are challenge terms (伺服驱动 for 伺服驱动器). */
function capabilityMatches(terms: readonly number[], queryTerms: ReadonlySet<number>): boolean {
  const distinct = new Set(terms);
  if (distinct.size === 0) return false;
  let shared = 0;
  for (const term of distinct) if (queryTerms.has(term)) shared += 1;
  return shared * 2 >= distinct.size;
}
const percent = (value: number) => `${Math.round(value * 100)}%`;
const quote = (text: string) => `“${text}”`;

/**
 * Explains a score. The signal contributions split the 0–100 score in proportion to each signal's share
 * of the raw score (weight × value / raw), so they sum to the score (up to float rounding) — the
 * calibration is monotone but not linear, so this proportional split is how the parts are reported.
 */
export function buildExplanation(input: ExplanationInput): MatchExplanation {
  const { doc, values, raw, params, prepared } = input;
  const score = calibrateScore(raw, params.calibration);
  const matchedTerms = [...input.termContributions]
    .sort((a, b) => b.contribution - a.contribution || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, MAX_TERMS)
    .map((entry) => entry.term);
  const matchedCapabilities = doc.capabilities.filter((_, i) => capabilityMatches(input.capabilityTerms[i], prepared.termIds));
  let best: ProjectEvidence | null = null;
  for (const project of input.projects) if (project.score > 0 && (best === null || project.score > best.score)) best = project;
  const bestProject =
    best === null
      ? null
      : {
          title: doc.pastProjects[best.index].title,
          year: doc.pastProjects[best.index].year,
          score: Math.round(best.score * 1000) / 10,
        };
  const details = signalDetails(input, matchedTerms, matchedCapabilities, bestProject);
  const signals: SignalContribution[] = SIGNALS.map((signal) => ({
    signal,
    contribution: raw > 0 ? (score * params.weights[signal] * values[signal]) / raw : 0,
    detail: details[signal],
  }));
  return {
    summary: summarise(doc, score, matchedTerms, matchedCapabilities, bestProject, signals),
    matchedTerms,
    matchedCapabilities,
    bestProject,
    signals,
    method: input.method,
  };
}

function signalDetails(
  input: ExplanationInput,
  matchedTerms: readonly string[],
  matchedCapabilities: readonly string[],
  bestProject: MatchExplanation['bestProject'],
): Record<SignalName, string> {
  const { values, prepared, doc, projects } = input;
  const relevant = projects.filter((project) => project.track > 0);
  const latest = relevant.reduce((year, project) => Math.max(year, doc.pastProjects[project.index].year), -Infinity);
  const forIssuer = projects.filter((project) => project.issuer > 0).length;
  const codes = doc.industries.filter((code) => code.trim().length > 0);
  const named = input.certificationTerms.find(
    (certification) => certification.terms.length > 0 && certification.terms.every((term) => prepared.termIds.has(term)),
  );
  const certification = doc.certifications.find((name) => name.trim().length > 0);
  return {
    text:
      matchedTerms.length === 0
        ? 'no challenge term appears in the profile'
        : `profile text (BM25F) reaches ${percent(values.text)} of the attainable; strongest terms ` +
          matchedTerms.slice(0, 5).join(', '),
    bestProject:
      bestProject === null
        ? 'no past project shares terms with the challenge'
        : `best single past project ${quote(bestProject.title)} (${bestProject.year}) reaches ${bestProject.score}% of the attainable`,
    trackRecord:
      relevant.length === 0
        ? 'no relevant past project'
        : `${relevant.length} relevant past project${relevant.length === 1 ? '' : 's'}, the latest in ${latest}`,
    issuerHistory:
      prepared.issuer.length === 0
        ? 'the challenge names no issuer'
        : forIssuer === 0
          ? `no relevant past project for ${prepared.query.issuer}`
          : `${forIssuer} relevant past project${forIssuer === 1 ? '' : 's'} for ${prepared.query.issuer}`,
    capabilities: !prepared.hasTags
      ? 'the challenge lists no required capability'
      : matchedCapabilities.length === 0
        ? 'no listed capability covers the required ones'
        : `capabilities ${matchedCapabilities.join(', ')} cover ${percent(values.capabilities)} of the required ones`,
    industry:
      prepared.industry.length === 0
        ? 'the challenge names no industry'
        : values.industry > 0
          ? `industry ${codes.join(', ')} agrees with ${prepared.industry} (${percent(values.industry)})`
          : `industry ${codes.length > 0 ? codes.join(', ') : 'unknown'} differs from ${prepared.industry}`,
    certifications:
      values.certifications === 0
        ? 'no certification that counts'
        : values.certifications >= 1
          ? `holds ${named?.key ?? 'a certification'}, named by the challenge`
          : `holds the quality mark ${certification ?? ''}`.trim(),
  };
}

function summarise(
  doc: EnterpriseDocument,
  score: number,
  matchedTerms: readonly string[],
  matchedCapabilities: readonly string[],
  bestProject: MatchExplanation['bestProject'],
  signals: readonly SignalContribution[],
): string {
  const name = doc.name ?? doc.id;
  const parts: string[] = [];
  if (matchedTerms.length > 0) parts.push(`matches ${matchedTerms.slice(0, 5).join(', ')}`);
  if (matchedCapabilities.length > 0) parts.push(`capabilities ${matchedCapabilities.slice(0, 3).join(', ')}`);
  if (bestProject !== null) parts.push(`best past project ${quote(bestProject.title)} (${bestProject.year})`);
  const strongest = [...signals].sort((a, b) => b.contribution - a.contribution)[0];
  const lead = parts.length > 0 ? parts.join('; ') : 'no textual evidence';
  const main = strongest !== undefined && strongest.contribution > 0 ? `; strongest signal ${strongest.signal}` : '';
  return `${name} scores ${score.toFixed(1)}/100: ${lead}${main}.`;
}
