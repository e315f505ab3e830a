/**
 * Route: /admin/reviewers (admin), `?status=pending|approved|suspended|all` (pending by default).
 * data-testids: queue-dashboard-link, reviewer-status-filter, reviewer-table, reviewer-row (data-id, data-status),
 * reviewer-approve, reviewer-suspend, reviewer-suspend-confirm, reviewers-more, reviewers-problem.
 */
import { useInfiniteQuery, useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Modal, Space, Table, Tag, Typography, message, type ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { Reviewer } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { QueueDashboardLink, StatusFilter } from './shared';

type Filter = Reviewer['status'] | 'all';
const FILTERS: Filter[] = ['pending', 'approved', 'suspended', 'all'];
const STATUS_COLORS: Record<Reviewer['status'], string> = { pending: 'orange', approved: 'green', suspended: 'red' };
const PAGE_SIZE = 100;

type Pages = { pages: { items: Reviewer[]; nextCursor: string | null }[] };

/** Cells keep their words whole; on a phone the table scrolls sideways instead of breaking an email per letter. */
const noWrap: React.CSSProperties = { whiteSpace: 'nowrap' };
const nowrap = (text: string) => <span style={noWrap}>{text}</span>;

export default function ReviewersPage() {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const [messageApi, messageHolder] = message.useMessage();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status') as Filter | null;
  const filter: Filter = raw && FILTERS.includes(raw) ? raw : 'pending';
  const [toSuspend, setToSuspend] = useState<Reviewer | null>(null);

  const query = useInfiniteQuery({
    queryKey: ['admin', 'reviewers', filter],
    queryFn: ({ pageParam }) =>
      unwrap(
        challengeApi.GET('/api/v1/reviewers', {
          params: { query: { limit: PAGE_SIZE, cursor: pageParam, ...(filter === 'all' ? {} : { status: filter }) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'reviewers'] });

  const approve = useMutation({
    mutationFn: (reviewer: Reviewer) => unwrap(challengeApi.POST('/api/v1/reviewers/{id}/approve', { params: { path: { id: reviewer.id } } })),
    onSuccess: (updated) => {
      void messageApi.success(t('reviewers.approved', { name: updated.name }));
      void refresh();
    },
    onError: () => void refresh(),
  });
  const suspend = useMutation({
    mutationFn: (reviewer: Reviewer) => unwrap(challengeApi.POST('/api/v1/reviewers/{id}/suspend', { params: { path: { id: reviewer.id } } })),
    onSuccess: (updated) => {
      setToSuspend(null);
      void messageApi.success(t('reviewers.suspended', { name: updated.name }));
      void refresh();
    },
    onError: () => {
      setToSuspend(null);
      void refresh();
    },
  });
  const actionError = approve.error ?? suspend.error;
  const busyId = (approve.isPending && approve.variables?.id) || (suspend.isPending && suspend.variables?.id) || null;

  const none = <Typography.Text type="secondary">{t('reviewers.none')}</Typography.Text>;
  const columns: ColumnsType<Reviewer> = [
    { title: nowrap(t('reviewers.column.name')), dataIndex: 'name', render: (name: string) => <Typography.Text strong style={noWrap}>{name}</Typography.Text> },
    {
      title: nowrap(t('reviewers.column.email')),
      dataIndex: 'email',
      render: (email: string) => (
        <Typography.Text copyable style={noWrap}>
          {email}
        </Typography.Text>
      ),
    },
    {
      title: nowrap(t('reviewers.column.expertise')),
      dataIndex: 'expertise',
      render: (tags: string[]) =>
        tags.length > 0 ? (
          <Space size={[4, 4]} wrap>
            {tags.map((tag) => (
              <Tag key={tag} color="blue">
                {tag}
              </Tag>
            ))}
          </Space>
        ) : (
          none
        ),
    },
    {
      title: nowrap(t('reviewers.column.affiliations')),
      dataIndex: 'affiliations',
      render: (codes: string[]) =>
        codes.length > 0 ? (
          <Space orientation="vertical" size={0}>
            {codes.map((code) => (
              <Typography.Text key={code} code style={noWrap}>
                {code}
              </Typography.Text>
            ))}
          </Space>
        ) : (
          none
        ),
    },
    {
      title: nowrap(t('reviewers.column.status')),
      dataIndex: 'status',
      render: (status: Reviewer['status']) => (
        <Tag color={STATUS_COLORS[status]} data-status={status} style={noWrap}>
          {t(`reviewers.status.${status}`)}
        </Tag>
      ),
    },
    { title: nowrap(t('reviewers.column.openAssignments')), dataIndex: 'openAssignments', align: 'right' },
    {
      title: nowrap(t('reviewers.column.actions')),
      key: 'actions',
      render: (_: unknown, reviewer) => (
        <Space size={8}>
          {reviewer.status !== 'approved' && (
            <Button
              type="primary"
              size="small"
              data-testid="reviewer-approve"
              loading={approve.isPending && busyId === reviewer.id}
              disabled={busyId !== null}
              onClick={() => approve.mutate(reviewer)}
              aria-label={`${reviewer.status === 'suspended' ? t('reviewers.reapprove') : t('reviewers.approve')} ${reviewer.name}`}
            >
              {reviewer.status === 'suspended' ? t('reviewers.reapprove') : t('reviewers.approve')}
            </Button>
          )}
          {reviewer.status !== 'suspended' && (
            <Button
              danger
              size="small"
              data-testid="reviewer-suspend"
              disabled={busyId !== null}
              onClick={() => {
                suspend.reset();
                setToSuspend(reviewer);
              }}
              aria-label={`${t('reviewers.suspend')} ${reviewer.name}`}
            >
              {t('reviewers.suspend')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {messageHolder}
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t('reviewers.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('reviewers.intro')}
        </Typography.Paragraph>
        <QueueDashboardLink />
      </div>
      <StatusFilter
        label={t('reviewers.filter')}
        testId="reviewer-status-filter"
        value={filter}
        options={FILTERS.map((f) => ({ value: f, label: t(`reviewers.filterOption.${f}`) }))}
        onChange={(next) => {
          approve.reset();
          suspend.reset();
          setParams(next === 'pending' ? {} : { status: next });
        }}
      />
      {actionError && (
        <div data-testid="reviewers-problem">
          <ProblemAlert error={actionError} />
        </div>
      )}
      <QueryState
        query={query as unknown as UseQueryResult<Pages>}
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={<Empty description={t(`reviewers.empty.${filter}`)} />}
      >
        {(data) => {
          const rows = data.pages.flatMap((p) => p.items);
          return (
            <Space orientation="vertical" size="small" style={{ width: '100%' }}>
              <Table<Reviewer>
                data-testid="reviewer-table"
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={rows}
                pagination={false}
                scroll={{ x: true }}
                onRow={(reviewer) => ({ 'data-testid': 'reviewer-row', 'data-id': reviewer.id, 'data-status': reviewer.status }) as React.HTMLAttributes<HTMLElement>}
              />
              <Typography.Text type="secondary">{t('reviewers.count', { count: rows.length })}</Typography.Text>
              {query.hasNextPage && (
                <Button block onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="reviewers-more">
                  {t('common:action.more')}
                </Button>
              )}
            </Space>
          );
        }}
      </QueryState>
      <Modal
        open={toSuspend !== null}
        title={t('reviewers.suspendConfirm.title', { name: toSuspend?.name ?? '' })}
        okText={t('reviewers.suspendConfirm.ok')}
        cancelText={t('common:action.cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'reviewer-suspend-confirm' } as ButtonProps}
        confirmLoading={suspend.isPending}
        onOk={() => {
          if (toSuspend) suspend.mutate(toSuspend);
        }}
        onCancel={() => setToSuspend(null)}
        destroyOnHidden
      >
        {toSuspend && (
          <>
            <Typography.Paragraph>{t('reviewers.suspendConfirm.body')}</Typography.Paragraph>
            <Typography.Paragraph strong={toSuspend.openAssignments > 0}>
              {toSuspend.openAssignments > 0
                ? t('reviewers.suspendConfirm.open', { count: toSuspend.openAssignments })
                : t('reviewers.suspendConfirm.noOpen')}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('reviewers.suspendConfirm.later')}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </Space>
  );
}
