import { FieldError } from '../errors';
import { Kpi } from '../challenges/challenge.types';
import { canonicalJson, sha256Hex } from '../shared/canonical-json';
import { BidContent } from './bid.types';

/** SHA-256 of a bid revision's content (canonical JSON), recorded in the audit chain when sealed. */
export function bidContentHash(content: BidContent): string {
  return sha256Hex(canonicalJson(content));
}

/** The rules a bid's content must keep against its challenge: every mandatory KPI answered, payments sum to 100. */
export function bidContentProblems(content: BidContent, kpis: Kpi[]): FieldError[] {
  const problems: FieldError[] = [];
  const known = new Map(kpis.map((k) => [k.id, k]));
  const answered = new Set<string>();
  content.kpiResponses.forEach((r, i) => {
    if (!known.has(r.kpiId)) problems.push({ field: `kpiResponses.${i}.kpiId`, message: 'not a KPI of this challenge' });
    if (answered.has(r.kpiId)) problems.push({ field: `kpiResponses.${i}.kpiId`, message: 'KPI answered twice' });
    answered.add(r.kpiId);
  });
  for (const kpi of kpis) {
    if (kpi.mandatory && !answered.has(kpi.id)) {
      problems.push({ field: 'kpiResponses', message: `mandatory KPI "${kpi.name}" (${kpi.id}) needs a response` });
    }
  }
  const payments = content.milestones.reduce((sum, m) => sum + m.paymentPercent, 0);
  if (payments !== 100) {
    problems.push({ field: 'milestones', message: `milestone payments must sum to 100 (they sum to ${payments})` });
  }
  const days = content.milestones.map((m) => m.dueDay);
  if (days.some((d) => d > content.durationDays)) {
    problems.push({ field: 'milestones', message: 'a milestone is due after durationDays' });
  }
  return problems;
}
