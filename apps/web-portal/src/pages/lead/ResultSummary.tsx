/*
 * The award result of a challenge (GET /api/v1/challenges/:id/result): winners, end of publicity, open objections.
 * data-testids: award-result (data-status), award-winner.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { challengeApi, unwrap } from '../../api/client';
import type { Challenge, Result } from '../../api/types';
import { Countdown, formatTime } from '../../components/Countdown';
import { leadKeys } from './shared';

/** Whether a challenge has (or had) an award result to show. */
export function hasResult(challenge: Challenge): boolean {
  return challenge.status === 'publicity' || challenge.status === 'awarded';
}

export function useResult(challenge: Challenge, enabled = hasResult(challenge)) {
  return useQuery({
    queryKey: leadKeys.part(challenge.id, 'result', challenge.status),
    enabled,
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}/result', { params: { path: { id: challenge.id } } })),
    refetchInterval: challenge.status === 'publicity' ? 15_000 : false,
    retry: false,
  });
}

export function ResultView({ result }: { result: Result }) {
  const { t } = useTranslation('lead');
  const final = result.status === 'awarded';
  const inPublicity = result.status === 'publicity';
  return (
    <Alert
      type={final ? 'success' : 'info'}
      showIcon
      data-testid="award-result"
      data-status={result.status}
      title={final ? t('result.final') : inPublicity ? t('result.publicity', { time: formatTime(result.publicityEndsAt) }) : t('result.standing')}
      description={
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <div>
            <Typography.Text type="secondary">{t('result.winners')}: </Typography.Text>
            {result.winners.length === 0
              ? t('result.noWinners')
              : result.winners.map((w) => (
                  <Tag key={w.bidId} color="gold" data-testid="award-winner" data-bid-id={w.bidId}>
                    {w.organizationName}
                  </Tag>
                ))}
          </div>
          {inPublicity && (
            <div>
              <Typography.Text type="secondary">{t('result.publicityEnds')}: </Typography.Text>
              {formatTime(result.publicityEndsAt)} <Countdown deadline={result.publicityEndsAt} />
            </div>
          )}
          {result.openObjections > 0 && <Typography.Text type="warning">{t('result.openObjections', { count: result.openObjections })}</Typography.Text>}
        </Space>
      }
    />
  );
}

/** The result of a challenge in publicity or awarded, nothing otherwise. */
export function ResultSummary({ challenge }: { challenge: Challenge }) {
  const result = useResult(challenge);
  if (!hasResult(challenge) || !result.data) return null;
  return <ResultView result={result.data} />;
}
