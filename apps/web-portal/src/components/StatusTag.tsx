import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Assignment, BidStatus, ChallengeStatus } from '../api/types';

const CHALLENGE_COLORS: Record<ChallengeStatus, string> = {
  draft: 'default',
  published: 'green',
  closed: 'orange',
  reviewing: 'gold',
  shortlisted: 'blue',
  publicity: 'purple',
  awarded: 'magenta',
  cancelled: 'default',
  failed: 'red',
};

const BID_COLORS: Record<BidStatus, string> = {
  submitted: 'blue',
  withdrawn: 'default',
  shortlisted: 'cyan',
  awarded: 'gold',
  rejected: 'default',
  disqualified: 'red',
};

export function ChallengeStatusTag({ status }: { status: ChallengeStatus }) {
  const { t } = useTranslation();
  return <Tag color={CHALLENGE_COLORS[status]} data-status={status}>{t(`challengeStatus.${status}`)}</Tag>;
}

export function BidStatusTag({ status }: { status: BidStatus }) {
  const { t } = useTranslation();
  return <Tag color={BID_COLORS[status]} data-status={status}>{t(`bidStatus.${status}`)}</Tag>;
}

export function AssignmentStatusTag({ status }: { status: Assignment['status'] }) {
  const { t } = useTranslation();
  const color = status === 'assigned' ? 'orange' : status === 'submitted' ? 'green' : 'default';
  return <Tag color={color} data-status={status}>{t(`assignmentStatus.${status}`)}</Tag>;
}
