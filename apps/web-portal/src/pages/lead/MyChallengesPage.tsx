/*
 * Route: /lead/challenges (lead) — the lead enterprise's own challenges, drafts included.
 * data-testids: new-challenge (post button), new-challenge-empty (empty state button), my-challenges-status (filter),
 *   my-challenge-item (one per row, data-id = challenge id, data-status), my-challenge-manage, my-challenge-edit (drafts),
 *   load-more.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { Challenge, ChallengeStatus } from '../../api/types';
import { Countdown, formatTime } from '../../components/Countdown';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ChallengeStatusTag } from '../../components/StatusTag';
import { formatYuan, leadKeys } from './shared';

const STATUSES: ChallengeStatus[] = ['draft', 'published', 'closed', 'reviewing', 'shortlisted', 'publicity', 'awarded', 'cancelled', 'failed'];
const PAGE_SIZE = 20;

export default function MyChallengesPage() {
  const { t, i18n } = useTranslation('lead');
  const [status, setStatus] = useState<ChallengeStatus | undefined>(undefined);
  const query = useInfiniteQuery({
    queryKey: leadKeys.mine(status),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(challengeApi.GET('/api/v1/challenges', { params: { query: { mine: true, limit: PAGE_SIZE, cursor: pageParam, status } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<Challenge> = [
    {
      key: 'title',
      title: t('list.title'),
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
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
    { key: 'reward', title: t('list.reward'), render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatYuan(c.rewardYuan, i18n.language)}</span> },
    {
      key: 'bids',
      title: t('list.bidCount'),
      render: (_, c) =>
        c.bidCount === null ? (
          <Tooltip title={t('list.bidCountSealed')}>
            <Typography.Text type="secondary">{c.status === 'draft' ? '—' : t('list.sealed')}</Typography.Text>
          </Tooltip>
        ) : (
          c.bidCount
        ),
    },
    { key: 'updated', title: t('list.updatedAt'), render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(c.updatedAt)}</span> },
    {
      key: 'actions',
      title: t('list.actions'),
      render: (_, c) => (
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
      ),
    },
  ];

  const newButton = (
    <Link to="/lead/challenges/new">
      <Button type="primary" icon={<PlusOutlined />} data-testid="new-challenge">
        {t('list.new')}
      </Button>
    </Link>
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
            <Link to="/lead/challenges/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-challenge-empty">
                {t('list.postFirst')}
              </Button>
            </Link>
          )}
        </Empty>
      ) : (
        <>
          <Table<Challenge>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={query.isPending}
            pagination={false}
            scroll={{ x: true }}
            size="middle"
            onRow={(c) => ({ 'data-testid': 'my-challenge-item', 'data-id': c.id, 'data-status': c.status }) as HTMLAttributes<HTMLElement>}
          />
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
