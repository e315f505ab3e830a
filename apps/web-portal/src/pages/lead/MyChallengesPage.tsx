/*
 * Route: /lead/challenges (lead) — the lead enterprise's own challenges, drafts included.
 * data-testids: new-challenge (post button), new-challenge-empty (empty state button), my-challenges-status (filter),
 *   my-challenge-item (one per row, data-id = challenge id, data-status), my-challenge-manage, my-challenge-edit (drafts),
 *   load-more.
 */
import { formatYuan } from '../../components/format';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Grid, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { Challenge, ChallengeStatus } from '../../api/types';
import { Countdown, formatTime } from '../../components/Countdown';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ChallengeStatusTag } from '../../components/StatusTag';
import { leadKeys, NOWRAP_HEADER } from './shared';

const STATUSES: ChallengeStatus[] = ['draft', 'published', 'closed', 'reviewing', 'shortlisted', 'publicity', 'awarded', 'cancelled', 'failed'];
const PAGE_SIZE = 20;

export default function MyChallengesPage() {
  const { t } = useTranslation('lead');
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  // Phones get a card per challenge; wider screens a table.
  const compact = screens.md === false;
  const [status, setStatus] = useState<ChallengeStatus | undefined>(undefined);
  const query = useInfiniteQuery({
    queryKey: leadKeys.mine(status),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(challengeApi.GET('/api/v1/challenges', { params: { query: { mine: true, limit: PAGE_SIZE, cursor: pageParam, status } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const bidCount = (c: Challenge) =>
    c.bidCount === null ? (
      <Tooltip title={t('list.bidCountSealed')}>
        <Typography.Text type="secondary">{c.status === 'draft' ? '—' : t('list.sealed')}</Typography.Text>
      </Tooltip>
    ) : (
      c.bidCount
    );
  const actions = (c: Challenge) => (
    <Space wrap size="small">
      <Link to={`/lead/challenges/${c.id}`} data-testid="my-challenge-manage">
        {t('list.manage')}
      </Link>
      {c.status === 'draft' && (
        <Link to={`/lead/challenges/${c.id}/edit`} data-testid="my-challenge-edit">
          {t('common:action.edit')}
        </Link>
      )}
    </Space>
  );

  const columns: ColumnsType<Challenge> = [
    {
      key: 'title',
      title: t('list.title'),
      render: (_, c) => (
        <Space orientation="vertical" size={0} style={{ minWidth: 180 }}>
          <Link to={`/lead/challenges/${c.id}`}>{c.title}</Link>
          {c.tags.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.tags.slice(0, 4).join(' · ')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'status', title: t('list.status'), render: (_, c) => <ChallengeStatusTag status={c.status} /> },
    {
      key: 'deadline',
      title: t('list.deadline'),
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span style={{ whiteSpace: 'nowrap' }}>{formatTime(c.bidDeadline)}</span>
          {c.status === 'published' && <Countdown deadline={c.bidDeadline} />}
        </Space>
      ),
    },
    { key: 'reward', title: t('list.reward'), render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatYuan(c.rewardYuan)}</span> },
    { key: 'bids', title: t('list.bidCount'), render: (_, c) => bidCount(c) },
    { key: 'updated', title: t('list.updatedAt'), render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(c.updatedAt)}</span> },
    { key: 'actions', title: t('list.actions'), render: (_, c) => actions(c) },
  ];

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} data-testid="new-challenge" onClick={() => void navigate('/lead/challenges/new')}>
      {t('list.new')}
    </Button>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex wrap gap={12} justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('list.heading')}
        </Typography.Title>
        <Space wrap>
          <Select
            aria-label={t('list.statusFilter')}
            data-testid="my-challenges-status"
            allowClear
            placeholder={t('list.allStatuses')}
            value={status}
            onChange={(value) => setStatus(value)}
            options={STATUSES.map((s) => ({ value: s, label: t(`common:challengeStatus.${s}`) }))}
            style={{ minWidth: 140 }}
          />
          {newButton}
        </Space>
      </Flex>
      {query.isError ? (
        <div>
          <ProblemAlert error={query.error} />
          <Button style={{ marginTop: 12 }} onClick={() => void query.refetch()}>
            {t('common:action.retry')}
          </Button>
        </div>
      ) : !query.isPending && items.length === 0 ? (
        <Empty description={status ? t('list.emptyFiltered') : t('list.empty')} data-testid="my-challenges-empty">
          {!status && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="new-challenge-empty" onClick={() => void navigate('/lead/challenges/new')}>
              {t('list.postFirst')}
            </Button>
          )}
        </Empty>
      ) : (
        <>
          {compact ? (
            query.isPending ? (
              <Card loading />
            ) : (
              <Space orientation="vertical" size="small" style={{ width: '100%' }}>
                {items.map((c) => (
                  <Card key={c.id} size="small" data-testid="my-challenge-item" data-id={c.id} data-status={c.status}>
                    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                      <Flex gap={8} justify="space-between" align="start">
                        <Link to={`/lead/challenges/${c.id}`} style={{ fontWeight: 600 }}>
                          {c.title}
                        </Link>
                        <ChallengeStatusTag status={c.status} />
                      </Flex>
                      <Typography.Text type="secondary">
                        {t('list.deadline')}: {formatTime(c.bidDeadline)} {c.status === 'published' && <Countdown deadline={c.bidDeadline} />}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {t('list.reward')}: {formatYuan(c.rewardYuan)} · {t('list.bidCount')}: {bidCount(c)}
                      </Typography.Text>
                      {actions(c)}
                    </Space>
                  </Card>
                ))}
              </Space>
            )
          ) : (
            <Table<Challenge>
              rowKey="id"
              columns={columns}
              dataSource={items}
              loading={query.isPending}
              pagination={false}
              scroll={{ x: true }}
              styles={NOWRAP_HEADER}
              size="middle"
              onRow={(c) => ({ 'data-testid': 'my-challenge-item', 'data-id': c.id, 'data-status': c.status }) as HTMLAttributes<HTMLElement>}
            />
          )}
          {query.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="load-more">
                {t('common:action.more')}
              </Button>
            </Flex>
          )}
        </>
      )}
    </Space>
  );
}
