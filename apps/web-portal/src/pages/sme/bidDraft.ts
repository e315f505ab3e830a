/**
 * The bid form's values, its draft kept in the browser (localStorage) while the SME writes, and the mapping
 * between the form and the API's SubmitBidDto / AmendBidDto. Pure code, no React, so it is easy to test.
 */
import { ApiError } from '../../api/client';
import type { Bid, Challenge, FieldError, SubmitBid } from '../../api/types';

export interface MilestoneValues {
  title?: string;
  dueDay?: number | null;
  paymentPercent?: number | null;
}

export interface TeamMemberValues {
  name?: string;
  role?: string;
}

/** The form's shape: one commitment per KPI of the challenge, in the challenge's KPI order. */
export interface BidFormValues {
  summary?: string;
  technicalApproach?: string;
  kpis?: (string | null | undefined)[];
  priceYuan?: number | null;
  durationDays?: number | null;
  milestones?: (MilestoneValues | null | undefined)[];
  team?: (TeamMemberValues | null | undefined)[];
}

export interface BidDraft {
  /** When the draft was last written (ISO 8601). */
  savedAt: string;
  /** For an amendment: the bid version the draft was started from (sent as `version`). */
  version?: number;
  values: BidFormValues;
}

/** Where a draft lives: `jiebang.bidDraft.<userId>.<challengeId>` (new bid) or `jiebang.bidDraft.<userId>.bid.<bidId>` (amendment). */
export function bidDraftKey(userId: string, target: { challengeId: string } | { bidId: string }): string {
  return 'bidId' in target ? `jiebang.bidDraft.${userId}.bid.${target.bidId}` : `jiebang.bidDraft.${userId}.${target.challengeId}`;
}

export function readBidDraft(key: string): BidDraft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<BidDraft>;
    if (!draft || typeof draft !== 'object' || typeof draft.savedAt !== 'string' || !draft.values || typeof draft.values !== 'object') return null;
    return { savedAt: draft.savedAt, version: typeof draft.version === 'number' ? draft.version : undefined, values: draft.values };
  } catch {
    return null;
  }
}

/** Writes the draft; returns the moment written, or null when the browser refuses (private mode, quota). */
export function writeBidDraft(key: string, values: BidFormValues, version?: number, now: Date = new Date()): string | null {
  const draft: BidDraft = { savedAt: now.toISOString(), ...(version !== undefined ? { version } : {}), values };
  try {
    localStorage.setItem(key, JSON.stringify(draft));
    return draft.savedAt;
  } catch {
    return null;
  }
}

export function clearBidDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing stored, nothing to clear
  }
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A milestone row the user left entirely empty (ignored when the bid is sent). */
export function isBlankMilestone(m: MilestoneValues | null | undefined): boolean {
  return !m || (blank(m.title) && blank(m.dueDay) && blank(m.paymentPercent));
}

export function isBlankMember(m: TeamMemberValues | null | undefined): boolean {
  return !m || (blank(m.name) && blank(m.role));
}

/** The milestone rows that count (non-blank). */
export function filledMilestones(milestones: BidFormValues['milestones']): MilestoneValues[] {
  return (milestones ?? []).filter((m): m is MilestoneValues => !isBlankMilestone(m));
}

/** Sum of the payment percentages typed so far (blank ones count 0). */
export function paymentsTotal(milestones: BidFormValues['milestones']): number {
  return (milestones ?? []).reduce<number>((sum, m) => sum + (typeof m?.paymentPercent === 'number' && Number.isFinite(m.paymentPercent) ? m.paymentPercent : 0), 0);
}

/** An empty form for a new bid: one milestone row and one team row to start from. */
export function emptyBidValues(challenge: Challenge): BidFormValues {
  return {
    summary: '',
    technicalApproach: '',
    kpis: challenge.kpis.map(() => ''),
    priceYuan: null,
    durationDays: null,
    milestones: [{}],
    team: [{}],
  };
}

/** The form filled with a bid's current revision (for an amendment). */
export function bidToValues(bid: Bid, challenge: Challenge): BidFormValues {
  return {
    summary: bid.summary,
    technicalApproach: bid.technicalApproach,
    kpis: challenge.kpis.map((kpi) => bid.kpiResponses.find((r) => r.kpiId === kpi.id)?.commitment ?? ''),
    priceYuan: bid.priceYuan,
    durationDays: bid.durationDays,
    milestones: bid.milestones.map((m) => ({ ...m })),
    team: bid.team.map((m) => ({ ...m })),
  };
}

/** What the form sends, and for each sent list entry the form row it came from (to place the server's field errors). */
export interface BidPayload {
  content: Omit<SubmitBid, 'challengeId'>;
  /** kpiResponses[i] answers the challenge's KPI number rows.kpis[i]. */
  rows: { kpis: number[]; milestones: number[]; team: number[] };
}

/** Form values → the bid's content: blank KPI answers and blank rows are left out, texts trimmed. */
export function valuesToPayload(values: BidFormValues, challenge: Challenge): BidPayload {
  const rows: BidPayload['rows'] = { kpis: [], milestones: [], team: [] };
  const kpiResponses: SubmitBid['kpiResponses'] = [];
  challenge.kpis.forEach((kpi, index) => {
    const commitment = (values.kpis?.[index] ?? '').trim();
    if (commitment) {
      kpiResponses.push({ kpiId: kpi.id, commitment });
      rows.kpis.push(index);
    }
  });
  const milestones: SubmitBid['milestones'] = [];
  (values.milestones ?? []).forEach((m, index) => {
    if (isBlankMilestone(m)) return;
    milestones.push({ title: (m?.title ?? '').trim(), dueDay: Number(m?.dueDay), paymentPercent: Number(m?.paymentPercent) });
    rows.milestones.push(index);
  });
  const team: SubmitBid['team'] = [];
  (values.team ?? []).forEach((m, index) => {
    if (isBlankMember(m)) return;
    team.push({ name: (m?.name ?? '').trim(), role: (m?.role ?? '').trim() });
    rows.team.push(index);
  });
  return {
    content: {
      summary: (values.summary ?? '').trim(),
      technicalApproach: (values.technicalApproach ?? '').trim(),
      priceYuan: Number(values.priceYuan),
      durationDays: Number(values.durationDays),
      kpiResponses,
      milestones,
      team,
    },
    rows,
  };
}

/**
 * The server names fields after what was sent (`kpiResponses.0.commitment`, `milestones.2.title`); the form
 * after its rows (`kpis.3`, `milestones.4.title`). Translates one into the other so that the errors land
 * beside the right field; an error on `kpiResponses` naming a KPI's id lands on that KPI.
 */
export function toFormFieldErrors(error: unknown, payload: BidPayload, challenge: Challenge): unknown {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return error;
  const fieldErrors: FieldError[] = error.fieldErrors.map((e) => ({ field: formField(e, payload, challenge), message: e.message }));
  return new ApiError(
    error.status,
    { code: error.code as never, detail: error.detail, errors: fieldErrors, traceId: error.traceId ?? undefined },
    error.detail,
  );
}

function formField(e: FieldError, payload: BidPayload, challenge: Challenge): string {
  const parts = e.field.split('.');
  const index = parts.length > 1 && /^\d+$/.test(parts[1]) ? Number(parts[1]) : null;
  if (parts[0] === 'kpiResponses') {
    if (index !== null) {
      const row = payload.rows.kpis[index];
      return row === undefined ? 'kpis' : `kpis.${row}`;
    }
    const named = challenge.kpis.findIndex((kpi) => e.message.includes(kpi.id));
    return named >= 0 ? `kpis.${named}` : 'kpis';
  }
  if ((parts[0] === 'milestones' || parts[0] === 'team') && index !== null) {
    const row = payload.rows[parts[0]][index];
    return row === undefined ? parts[0] : [parts[0], row, ...parts.slice(2)].join('.');
  }
  return e.field;
}

