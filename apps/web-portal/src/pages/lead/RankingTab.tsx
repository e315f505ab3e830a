/*
 * Ranking tab of /lead/challenges/:id (from shortlisted on): the official ranking with 90% intervals and flags, the
 * award (up to maxWinners shortlisted bids, confirmed in a dialog), the result, and every review per bid.
 * Before the ranking exists (409 INVALID_STATE) a "ranking not ready" state shows.
 * data-testids: ranking-not-ready (data-status), ranking-table, ranking-row (data-bid-id, data-rank), ranking-score,
 *   ranking-interval, ranking-flag (data-flag), award-select (checkbox per row, data-bid-id), award-selected-count,
 *   award-submit, award-confirm (dialog OK), award-error, award-result (see ResultSummary), reviews, review-bid,
 *   review-row.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Collapse, Empty, Flex, Modal, Result, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { challengeApi, unwrap } from '../../api/client';
import type { BidStatus, Challenge, ChallengeReview, RankingItem, Result as AwardResult } from '../../api/types';
import { formatTime } from '../../components/Countdown';
import { ProblemAlert } from '../../components/ProblemAlert';
import { BidStatusTag } from '../../components/StatusTag';
import { hasResult, ResultView, useResult } from './ResultSummary';
import { formatScore, isApiError, leadKeys, NOWRAP_HEADER, type TabProps } from './shared';

/** Statuses in which a ranking may exist (a failed or cancelled challenge may have one, or not: 409). */
const MAY_HAVE_RANKING: Challenge['status'][] = ['shortlisted', 'publicity', 'awarded', 'failed', 'cancelled'];
const BID_STATUSES: BidStatus[] = ['submitted', 'withdrawn', 'shortlisted', 'awarded', 'rejected', 'disqualified'];
const FLAG_COLORS: Record<string, string> = {
  calibrated: 'blue',
  trimmed: 'cyan',
  'high-disagreement': 'orange',
  'below-passing': 'red',
  'tie-at-cutoff': 'purple',
};

export function RankingTab({ challenge, isOwner }: TabProps) {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const mayHave = MAY_HAVE_RANKING.includes(challenge.status);
  const ranking = useQuery({
    queryKey: leadKeys.part(challenge.id, 'ranking', challenge.status),
    enabled: mayHave,
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}/ranking', { params: { path: { id: challenge.id } } })),
  });

  if (!mayHave || (ranking.isError && isApiError(ranking.error, 'INVALID_STATE'))) return <NotReady challenge={challenge} />;
  if (ranking.isPending) return <Card loading />;
  if (ranking.isError) {
    return (
      <div>
        <ProblemAlert error={ranking.error} />
        <Button style={{ marginTop: 12 }} onClick={() => void ranking.refetch()}>
          {tc('action.retry')}
        </Button>
      </div>
    );
  }
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <RankingSection challenge={challenge} items={ranking.data.items} canAward={isOwner && challenge.status === 'shortlisted'} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('ranking.method', { method: ranking.data.method, time: formatTime(ranking.data.computedAt) })}
      </Typography.Text>
      <ReviewsSection challenge={challenge} ranking={ranking.data.items} />
    </Space>
  );
}

function NotReady({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation('lead');
  const key = ['draft', 'published', 'closed', 'reviewing'].includes(challenge.status) ? challenge.status : 'none';
  return (
    <Result
      status="info"
      data-testid="ranking-not-ready"
      data-status={challenge.status}
      title={t('ranking.notReadyTitle')}
      subTitle={t(`ranking.notReady.${key}`)}
    />
  );
}

function FlagTag({ flag }: { flag: string }) {
  const { t } = useTranslation('lead');
  return (
    <Tooltip title={t(`ranking.flagHelp.${flag}`, { defaultValue: flag })}>
      <Tag color={FLAG_COLORS[flag] ?? 'default'} data-testid="ranking-flag" data-flag={flag}>
        {t(`ranking.flag.${flag}`, { defaultValue: flag })}
      </Tag>
    </Tooltip>
  );
}

function RankingSection({ challenge, items, canAward }: { challenge: Challenge; items: RankingItem[]; canAward: boolean }) {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const selectable = (item: RankingItem) => item.shortlisted && (item.status === 'shortlisted' || item.status === 'awarded');
  // Awards still standing (after an upheld objection against another bid) start selected: bidIds is the full set.
  const standing = useMemo(() => items.filter((i) => i.status === 'awarded').map((i) => i.bidId), [items]);
  // Until the lead picks, the selection follows the standing awards (which change when the ranking is refetched).
  const [picked, setPicked] = useState<string[] | null>(null);
  const selected = picked ?? standing;
  const [confirming, setConfirming] = useState(false);
  const [awarded, setAwarded] = useState<AwardResult | null>(null);
  // Back to shortlisted after an upheld objection, the awards still standing are the result so far.
  const afterObjection = challenge.status === 'shortlisted' && items.some((i) => i.status === 'awarded' || i.status === 'disqualified');
  const result = useResult(challenge, hasResult(challenge) || afterObjection);

  const award = useMutation({
    mutationFn: (bidIds: string[]) =>
      unwrap(challengeApi.POST('/api/v1/challenges/{id}/award', { params: { path: { id: challenge.id } }, body: { bidIds } })),
    onSuccess: (res) => {
      setConfirming(false);
      setAwarded(res);
      queryClient.setQueryData(leadKeys.part(challenge.id, 'result', res.status), res);
      void queryClient.invalidateQueries({ queryKey: leadKeys.challenge(challenge.id) });
      void queryClient.invalidateQueries({ queryKey: leadKeys.parts(challenge.id) });
      void queryClient.invalidateQueries({ queryKey: leadKeys.mineAll });
    },
    onError: () => setConfirming(false),
  });

  const toggle = (bidId: string, checked: boolean) => {
    setPicked((current) => {
      const base = current ?? standing;
      return checked ? [...base.filter((id) => id !== bidId), bidId] : base.filter((id) => id !== bidId);
    });
  };
  const full = selected.length >= challenge.maxWinners;
  const byId = new Map(items.map((i) => [i.bidId, i]));

  const columns: ColumnsType<RankingItem> = [
    ...(canAward
      ? [
          {
            key: 'select',
            title: t('ranking.award'),
            render: (_: unknown, item: RankingItem) => {
              const checked = selected.includes(item.bidId);
              return (
                <Checkbox
                  checked={checked}
                  disabled={!selectable(item) || (!checked && full) || award.isPending}
                  onChange={(e) => toggle(item.bidId, e.target.checked)}
                  aria-label={t('ranking.selectAria', { organization: item.organizationName })}
                  data-testid="award-select"
                  data-bid-id={item.bidId}
                />
              );
            },
          },
        ]
      : []),
    { key: 'rank', title: t('ranking.rank'), render: (_, item) => <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>#{item.rank}</Typography.Text> },
    { key: 'org', title: t('ranking.organization'), render: (_, item) => <div style={{ minWidth: 120 }}>{item.organizationName}</div> },
    {
      key: 'score',
      title: t('ranking.score'),
      render: (_, item) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong data-testid="ranking-score">
            {formatScore(item.score)}
          </Typography.Text>
          <Tooltip title={t('ranking.intervalHelp')}>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }} data-testid="ranking-interval">
              {t('ranking.interval', { low: formatScore(item.interval[0]), high: formatScore(item.interval[1]) })}
            </Typography.Text>
          </Tooltip>
        </Space>
      ),
    },
    { key: 'reviews', title: t('ranking.reviewCount'), render: (_, item) => item.reviewCount },
    {
      key: 'flags',
      title: t('ranking.flags'),
      render: (_, item) =>
        item.flags.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap>
            {item.flags.map((f) => (
              <FlagTag key={f} flag={f} />
            ))}
          </Space>
        ),
    },
    {
      key: 'shortlisted',
      title: t('ranking.shortlisted'),
      render: (_, item) => (item.shortlisted ? <Tag color="blue">{t('ranking.shortlistedYes')}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      key: 'status',
      title: t('ranking.bidStatus'),
      render: (_, item) => (BID_STATUSES.includes(item.status as BidStatus) ? <BidStatusTag status={item.status as BidStatus} /> : item.status),
    },
  ];

  const shownResult = result.data ?? awarded;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {shownResult && <ResultView result={shownResult} />}
      <Table<RankingItem>
        data-testid="ranking-table"
        styles={NOWRAP_HEADER}
        rowKey="bidId"
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        size="middle"
        locale={{ emptyText: <Empty description={t('ranking.empty')} /> }}
        onRow={(item) => ({ 'data-testid': 'ranking-row', 'data-bid-id': item.bidId, 'data-rank': item.rank }) as HTMLAttributes<HTMLElement>}
      />
      {canAward && (
        <Card size="small">
          <Flex wrap gap={12} align="center" justify="space-between">
            <Space orientation="vertical" size={0}>
              <Typography.Text data-testid="award-selected-count" data-count={selected.length}>
                {t('ranking.selectedCount', { count: selected.length, max: challenge.maxWinners })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('ranking.awardHelp')}
              </Typography.Text>
            </Space>
            <Button type="primary" disabled={selected.length === 0} loading={award.isPending} onClick={() => setConfirming(true)} data-testid="award-submit">
              {t('ranking.awardSubmit')}
            </Button>
          </Flex>
          {award.isError && (
            <div data-testid="award-error" style={{ marginTop: 12 }}>
              <ProblemAlert error={award.error} />
            </div>
          )}
        </Card>
      )}
      {!canAward && challenge.status === 'shortlisted' && (
        <Alert type="info" showIcon title={t('ranking.adminCannotAward')} />
      )}
      <Modal
        open={confirming}
        title={t('ranking.confirmTitle')}
        okText={tc('action.confirm')}
        cancelText={tc('action.cancel')}
        confirmLoading={award.isPending}
        onOk={() => award.mutate(selected)}
        onCancel={() => setConfirming(false)}
        okButtonProps={{ 'data-testid': 'award-confirm' } as Record<string, string>}
      >
        <Typography.Paragraph>{t('ranking.confirmIntro', { count: selected.length })}</Typography.Paragraph>
        <ul>
          {selected.map((id) => (
            <li key={id}>
              {byId.get(id)?.organizationName ?? id} {byId.get(id) && <Typography.Text type="secondary">#{byId.get(id)!.rank}</Typography.Text>}
            </li>
          ))}
        </ul>
        <Typography.Paragraph type="secondary">{t('ranking.confirmNote')}</Typography.Paragraph>
      </Modal>
    </Space>
  );
}

function ReviewsSection({ challenge, ranking }: { challenge: Challenge; ranking: RankingItem[] }) {
  const { t } = useTranslation('lead');
  const reviews = useQuery({
    queryKey: leadKeys.part(challenge.id, 'reviews', challenge.status),
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}/reviews', { params: { path: { id: challenge.id } } })),
  });
  if (reviews.isError && isApiError(reviews.error, 'INVALID_STATE')) return null;
  const criteria = challenge.scorecard.criteria;
  const columns: ColumnsType<ChallengeReview> = [
    {
      key: 'reviewer',
      title: t('reviews.reviewer'),
      render: (_, r) => (r.reviewerId ? <Tooltip title={r.reviewerId}>{r.reviewer}</Tooltip> : r.reviewer),
    },
    ...criteria.map((c) => ({
      key: `score-${c.key}`,
      title: (
        <Tooltip title={t('reviews.criterionHelp', { weight: c.weight, maxScore: c.maxScore })}>
          <span style={{ whiteSpace: 'nowrap' }}>{c.name}</span>
        </Tooltip>
      ),
      render: (_: unknown, r: ChallengeReview) => (typeof r.scores[c.key] === 'number' ? `${r.scores[c.key]} / ${c.maxScore}` : '—'),
    })),
    { key: 'total', title: t('reviews.total'), render: (_, r) => <Typography.Text strong>{formatScore(r.total)}</Typography.Text> },
    {
      key: 'comment',
      title: t('reviews.comment'),
      render: (_, r) => <div style={{ minWidth: 160, whiteSpace: 'pre-wrap' }}>{r.comment || '—'}</div>,
    },
    {
      key: 'note',
      title: t('reviews.privateNote'),
      render: (_, r) =>
        r.privateNote ? <div style={{ minWidth: 140, whiteSpace: 'pre-wrap' }}>{r.privateNote}</div> : <Typography.Text type="secondary">—</Typography.Text>,
    },
  ];
  const items = reviews.data?.items ?? [];
  const order = new Map(ranking.map((r) => [r.bidId, r]));
  const bidIds = [...new Set(items.map((r) => r.bidId))].sort((a, b) => (order.get(a)?.rank ?? 1e9) - (order.get(b)?.rank ?? 1e9));
  return (
    <Card size="small" title={t('reviews.title')} data-testid="reviews">
      <Typography.Paragraph type="secondary">{t('reviews.help')}</Typography.Paragraph>
      {reviews.isPending ? (
        <Card loading variant="borderless" />
      ) : reviews.isError ? (
        <ProblemAlert error={reviews.error} />
      ) : bidIds.length === 0 ? (
        <Empty description={t('reviews.empty')} />
      ) : (
        <Collapse
          defaultActiveKey={bidIds}
          items={bidIds.map((bidId) => {
            const rank = order.get(bidId);
            const list = items.filter((r) => r.bidId === bidId);
            return {
              key: bidId,
              label: (
                <span data-testid="review-bid" data-bid-id={bidId}>
                  {rank ? `#${rank.rank} ${rank.organizationName}` : bidId.slice(0, 8)} · {t('reviews.count', { count: list.length })}
                </span>
              ),
              children: (
                <Table<ChallengeReview>
                  styles={NOWRAP_HEADER}
                  size="small"
                  rowKey={(r) => `${r.bidId}-${r.reviewer}`}
                  columns={columns}
                  dataSource={list}
                  pagination={false}
                  scroll={{ x: true }}
                  onRow={() => ({ 'data-testid': 'review-row' }) as HTMLAttributes<HTMLElement>}
                />
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
