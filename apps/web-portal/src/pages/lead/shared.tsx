/** What the lead pages share: query keys, the polled challenge query, formatting and small helpers. */
export { useDeadlinePassed } from '../../components/clock';
import { useQuery } from '@tanstack/react-query';
import { Tooltip, Typography } from 'antd';
import { ApiError, biddingApi, challengeApi, unwrap } from '../../api/client';
import type { Challenge, FieldError, Problem } from '../../api/types';

/** Every lead query key starts with `lead`, so a write can refresh all of them at once. */
export const leadKeys = {
  all: ['lead'] as const,
  mine: (status: string | undefined) => ['lead', 'mine', status ?? 'all'] as const,
  mineAll: ['lead', 'mine'] as const,
  challenge: (id: string) => ['lead', 'challenge', id] as const,
  /** Data that changes with the challenge's status carries it in its key, so a status change refetches it. */
  part: (id: string, part: string, status?: string) => ['lead', 'challenge-part', id, part, status ?? ''] as const,
  parts: (id: string) => ['lead', 'challenge-part', id] as const,
  assessment: (bidId: string) => ['lead', 'assessment', bidId] as const,
};

/** States the worker moves on by itself (PRODUCT.md "Status changes driven by time"). */
export function isTimeDriven(challenge: Pick<Challenge, 'status' | 'bidDeadline'>, now = Date.now()): boolean {
  if (challenge.status === 'published') return now >= new Date(challenge.bidDeadline).getTime();
  return challenge.status === 'closed' || challenge.status === 'reviewing' || challenge.status === 'publicity';
}

/**
 * How often to refetch a challenge so the page follows the worker: every 5 s in a time-driven state; while bidding
 * is open, once at the deadline (at most a minute apart, so an extended deadline is noticed too); otherwise never.
 */
export function pollInterval(challenge: Pick<Challenge, 'status' | 'bidDeadline'> | undefined, now = Date.now()): number | false {
  if (!challenge) return false;
  if (isTimeDriven(challenge, now)) return 5000;
  if (challenge.status === 'published') return Math.min(60_000, Math.max(1000, new Date(challenge.bidDeadline).getTime() - now + 500));
  return false;
}

/** One challenge as its owner (or an admin) manages it, refetched while the worker may change it. */
export function useLeadChallenge(id: string | undefined) {
  return useQuery({
    queryKey: leadKeys.challenge(id ?? ''),
    enabled: !!id,
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}', { params: { path: { id: id! } } })),
    refetchInterval: (query) => pollInterval(query.state.data),
  });
}


export function isApiError(error: unknown, code?: string, status?: number): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code) && (status === undefined || error.status === status);
}

/**
 * The same refusal carrying only the field errors `applyFieldErrors` could not put beside a field, for the alert
 * above the buttons (the others already show beside their fields).
 */
export function withUnplaced(error: unknown, unplaced: FieldError[]): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(error.status, { code: error.code as Problem['code'], detail: error.detail, errors: unplaced, traceId: error.traceId ?? undefined }, error.message);
}

/** Table styles that keep column titles on one line (a narrow screen scrolls the table instead of wrapping them). */
export const NOWRAP_HEADER = { header: { cell: { whiteSpace: 'nowrap' as const } } };


export function formatScore(value: number | null | undefined, digits = 1): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** A hash or id shortened for a table, the whole value in a tooltip and on copy. */
export function ShortHash({ value, length = 10 }: { value: string | null | undefined; length?: number }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={<span style={{ wordBreak: 'break-all' }}>{value}</span>}>
      <Typography.Text code copyable={{ text: value }} style={{ whiteSpace: 'nowrap' }}>
        {value.length > length ? `${value.slice(0, length)}…` : value}
      </Typography.Text>
    </Tooltip>
  );
}

/** The name of an organization by id (public enterprise profile); the short id until it is known. */
export function OrganizationName({ organizationId }: { organizationId: string }) {
  const profile = useQuery({
    queryKey: ['enterprise-profile-name', organizationId],
    queryFn: () => unwrap(biddingApi.GET('/api/v1/enterprise-profiles/{organizationId}', { params: { path: { organizationId } } })),
    staleTime: Infinity,
    retry: false,
  });
  return <>{profile.data?.name ?? `${organizationId.slice(0, 8)}…`}</>;
}


/** What every tab of the management page receives. */
export interface TabProps {
  challenge: Challenge;
  /** The signed-in lead owns the challenge (may change it). */
  isOwner: boolean;
  /** The signed-in user is a platform admin (reads everything, cancels, never edits or awards). */
  isAdmin: boolean;
}
