/**
 * The rules the portal's forms check as the user types, the same rules the APIs enforce (a 400/422 from the
 * server remains the authority; these only spare the user a round trip). Each returns an i18n key in the
 * `rules` namespace of common.ts with its values, or `null` when the value is fine.
 */
import { creditCodeProblem } from '@jiebang/credit-code';

export interface RuleProblem {
  key: string;
  values?: Record<string, string | number>;
}

const sum = (values: (number | null | undefined)[]) => values.reduce<number>((total, v) => total + (typeof v === 'number' && Number.isFinite(v) ? v : 0), 0);

/** Scorecard criteria weights must sum to exactly 100 (PRODUCT.md step 1). */
export function weightsProblem(criteria: ({ weight?: number | null } | undefined)[] | undefined): RuleProblem | null {
  const list = (criteria ?? []).filter(Boolean) as { weight?: number | null }[];
  if (list.length === 0) return { key: 'rules.criteriaRequired' };
  const total = sum(list.map((c) => c.weight));
  return total === 100 ? null : { key: 'rules.weightsSum', values: { total } };
}

/** Milestone payments must sum to exactly 100 % (PRODUCT.md step 3). */
export function paymentsProblem(milestones: ({ paymentPercent?: number | null } | undefined)[] | undefined): RuleProblem | null {
  const list = (milestones ?? []).filter(Boolean) as { paymentPercent?: number | null }[];
  if (list.length === 0) return { key: 'rules.milestonesRequired' };
  const total = sum(list.map((m) => m.paymentPercent));
  return total === 100 ? null : { key: 'rules.paymentsSum', values: { total } };
}

/** A milestone may not fall due after the bid's duration. */
export function dueDayProblem(dueDay: number | null | undefined, durationDays: number | null | undefined): RuleProblem | null {
  if (typeof dueDay !== 'number' || typeof durationDays !== 'number') return null;
  return dueDay > durationDays ? { key: 'rules.dueAfterDuration', values: { durationDays } } : null;
}

/** A reviewer's score for one criterion: a number from 0 to the criterion's maxScore; required to submit. */
export function scoreProblem(score: number | null | undefined, maxScore: number, required: boolean): RuleProblem | null {
  if (score === null || score === undefined || (typeof score === 'number' && Number.isNaN(score))) {
    return required ? { key: 'rules.scoreRequired' } : null;
  }
  if (typeof score !== 'number' || score < 0 || score > maxScore) return { key: 'rules.scoreRange', values: { maxScore } };
  return null;
}

/**
 * 统一社会信用代码 as the user types it (GB 32100-2015, the server's own checker): upper-cased first, then
 * length, characters, the region digits and the check character.
 */
export function creditCodeInputProblem(value: string | null | undefined): RuleProblem | null {
  const code = (value ?? '').trim().toUpperCase();
  if (code === '') return { key: 'rules.creditCodeRequired' };
  const problem = creditCodeProblem(code);
  if (problem === null) return null;
  if (problem === 'length') return { key: 'rules.creditCodeLength', values: { length: code.length } };
  return { key: `rules.creditCode.${problem}` };
}

/** shortlistSize must be at least maxWinners (API.md ranges). */
export function shortlistProblem(shortlistSize: number | null | undefined, maxWinners: number | null | undefined): RuleProblem | null {
  if (typeof shortlistSize !== 'number' || typeof maxWinners !== 'number') return null;
  return shortlistSize < maxWinners ? { key: 'rules.shortlistBelowWinners', values: { maxWinners } } : null;
}
