/** What the SME pages share: query keys, the challenge query, money, deadlines and eligibility reasons. */
import { useDeadlinePassed } from '../../components/clock';
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { Challenge } from '../../api/types';

/** Query keys of the SME pages (all under `sme`, so one invalidation refreshes them). */
export const smeKeys = {
  all: ['sme'] as const,
  profile: ['sme', 'profile'] as const,
  recommendations: ['sme', 'recommendations'] as const,
  challenge: (id: string) => ['sme', 'challenge', id] as const,
  eligibility: (challengeId: string) => ['sme', 'eligibility', challengeId] as const,
  bids: ['sme', 'bids'] as const,
  bidsOfChallenge: (challengeId: string) => ['sme', 'bids', 'challenge', challengeId] as const,
  bid: (id: string) => ['sme', 'bid', id] as const,
  assessment: (id: string) => ['sme', 'bid', id, 'assessment'] as const,
  /** Keyed by the challenge's status too: a "not yet" (409) before publicity must not outlive it. */
  feedback: (id: string, challengeStatus: string) => ['sme', 'bid', id, 'feedback', challengeStatus] as const,
};

export function useChallenge(id: string | undefined) {
  return useQuery({
    queryKey: smeKeys.challenge(id ?? ''),
    enabled: !!id,
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}', { params: { path: { id: id! } } })),
    staleTime: 30_000,
    // The worker moves a challenge on by itself (closing, review, ranking, publicity): follow it while it does.
    refetchInterval: (query) => (MOVING.includes(query.state.data?.status as Challenge['status']) ? 10_000 : false),
  });
}

const MOVING: Challenge['status'][] = ['published', 'closed', 'reviewing', 'shortlisted', 'publicity'];


/** Whether the challenge still takes bids: published and before its deadline (re-evaluated when the deadline passes). */
export function useBiddingOpen(challenge: Pick<Challenge, 'status' | 'bidDeadline'> | undefined): boolean {
  const passed = useDeadlinePassed(challenge?.bidDeadline);
  return !!challenge && challenge.status === 'published' && !passed;
}

export interface EligibilityReason {
  rule: string;
  message: string;
}

/**
 * Every failed eligibility rule: the rule's name, what the challenge requires (translated, when the challenge
 * is at hand) and the server's own sentence, with the place to fix what the SME can fix (certifications).
 */
export function EligibilityReasons({ reasons, challenge }: { reasons: EligibilityReason[]; challenge?: Challenge }) {
  const { t } = useTranslation('sme');
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="eligibility-reasons">
      {reasons.map((reason, i) => (
        <li key={`${reason.rule}-${i}`} data-rule={reason.rule}>
          <Typography.Text strong>{t(`eligibility.rule.${reason.rule}`, { defaultValue: reason.rule })}</Typography.Text>
          {challenge && <RequirementText rule={reason.rule} challenge={challenge} />}
          <div>
            <Typography.Text type="secondary">{reason.message}</Typography.Text>
          </div>
          {reason.rule === 'certifications' ? (
            <Link to="/sme/profile">{t('eligibility.fixCertifications')}</Link>
          ) : reason.rule === 'region' || reason.rule === 'size' ? (
            <Typography.Text type="secondary">{t('eligibility.fixOrganization')}</Typography.Text>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function RequirementText({ rule, challenge }: { rule: string; challenge: Challenge }) {
  const { t } = useTranslation('sme');
  const e = challenge.eligibility ?? {};
  let list: string[] = [];
  if (rule === 'region') list = e.regions ?? [];
  if (rule === 'size') list = (e.sizes ?? []).map((s) => t(`common:size.${s}`));
  if (rule === 'certifications') list = (e.certifications ?? []).map((c) => t(`common:certification.${c}`, { defaultValue: c }));
  if (list.length === 0) return null;
  return <Typography.Text>{t('eligibility.requires', { list: list.join(t('listSeparator')) })}</Typography.Text>;
}
