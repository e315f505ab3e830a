/**
 * Route: /admin/objections (admin), `?status=open|upheld|dismissed|all` (open by default), optional `?challengeId=`.
 * data-testids: queue-dashboard-link, objection-status-filter, objection-list, objection-item (data-id, data-status),
 * objection-result-link, objection-lead-link, objection-decision, objection-note, objection-resolve,
 * objection-resolve-confirm, objection-problem, objections-more.
 */
import { useInfiniteQuery, useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Divider, Empty, Flex, Form, Input, Modal, Radio, Space, Tag, Typography, message, type ButtonProps } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, challengeApi, unwrap } from '../../api/client';
import type { Challenge, Objection } from '../../api/types';
import { formatTime } from '../../components/Countdown';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { ChallengeStatusTag } from '../../components/StatusTag';
import { QueueDashboardLink, StatusFilter, useChallenges } from './shared';

type Filter = Objection['status'] | 'all';
type Decision = 'upheld' | 'dismissed';
const FILTERS: Filter[] = ['open', 'upheld', 'dismissed', 'all'];
const STATUS_COLORS: Record<Objection['status'], string> = { open: 'orange', upheld: 'red', dismissed: 'default' };
const NOTE_MAX = 5000;
const PAGE_SIZE = 50;

type Pages = { pages: { items: Objection[]; nextCursor: string | null }[] };

const preWrap: React.CSSProperties = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' };

/** Evidence is free text; web addresses in it become links (opened in a new window, without referrer). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"']+)/g);
  return (
    <span style={preWrap}>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <Typography.Link key={i} href={part} target="_blank" rel="noreferrer noopener">
            {part}
          </Typography.Link>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </span>
  );
}

export default function ObjectionsPage() {
  const { t } = useTranslation('admin');
  // Held by the page: a resolved objection leaves the open list, and its confirmation must outlive its card.
  const [messageApi, messageHolder] = message.useMessage();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status') as Filter | null;
  const filter: Filter = raw && FILTERS.includes(raw) ? raw : 'open';
  const challengeId = params.get('challengeId') ?? undefined;

  const query = useInfiniteQuery({
    queryKey: ['admin', 'objections', filter, challengeId ?? null],
    queryFn: ({ pageParam }) =>
      unwrap(
        challengeApi.GET('/api/v1/objections', {
          params: { query: { limit: PAGE_SIZE, cursor: pageParam, challengeId, ...(filter === 'all' ? {} : { status: filter }) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const items = useMemo(() => (query.data?.pages ?? []).flatMap((p) => p.items), [query.data]);
  const challengeIds = useMemo(() => [...new Set(items.map((o) => o.challengeId))], [items]);
  const challenges = useChallenges(challengeIds);

  const setFilter = (next: Filter) => {
    const updated = new URLSearchParams(params);
    if (next === 'open') updated.delete('status');
    else updated.set('status', next);
    setParams(updated);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {messageHolder}
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t('objections.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('objections.intro')}
        </Typography.Paragraph>
        <QueueDashboardLink />
      </div>
      <StatusFilter
        label={t('objections.filter')}
        testId="objection-status-filter"
        value={filter}
        options={FILTERS.map((f) => ({ value: f, label: t(`objections.filterOption.${f}`) }))}
        onChange={setFilter}
      />
      {challengeId && (
        <Alert
          type="info"
          showIcon
          title={t('objections.byChallenge')}
          action={
            <Button
              size="small"
              onClick={() => {
                const updated = new URLSearchParams(params);
                updated.delete('challengeId');
                setParams(updated);
              }}
            >
              {t('objections.showAll')}
            </Button>
          }
        />
      )}
      <QueryState
        query={query as unknown as UseQueryResult<Pages>}
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={<Empty description={t(`objections.empty.${filter}`)} />}
      >
        {() => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="objection-list">
            {items.map((o) => (
              <ObjectionCard key={o.id} objection={o} challenge={challenges.get(o.challengeId)} messageApi={messageApi} />
            ))}
            {query.hasNextPage && (
              <Button block onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="objections-more">
                {t('common:action.more')}
              </Button>
            )}
          </Space>
        )}
      </QueryState>
    </Space>
  );
}

function ObjectionCard({ objection: o, challenge, messageApi }: { objection: Objection; challenge: Challenge | undefined; messageApi: MessageInstance }) {
  const { t } = useTranslation('admin');
  const title = challenge?.title ?? t('objections.untitled', { id: o.challengeId.slice(0, 8) });
  const items = [
    {
      key: 'challenge',
      label: t('objections.challenge'),
      children: (
        <Space size={12} wrap>
          {challenge && <ChallengeStatusTag status={challenge.status} />}
          <Link to={`/challenges/${o.challengeId}/result`} data-testid="objection-result-link">
            {t('objections.resultLink')}
          </Link>
          <Link to={`/lead/challenges/${o.challengeId}`} data-testid="objection-lead-link">
            {t('objections.leadLink')}
          </Link>
        </Space>
      ),
    },
    {
      key: 'target',
      label: t('objections.target'),
      children: o.bidId ? (
        <Typography.Text style={{ wordBreak: 'break-all' }}>{t('objections.targetBid', { bidId: o.bidId })}</Typography.Text>
      ) : (
        <Tag color="volcano">{t('objections.targetResult')}</Tag>
      ),
    },
    ...(o.objectorId
      ? [{ key: 'objector', label: t('objections.objector'), children: <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{o.objectorId}</Typography.Text> }]
      : []),
    { key: 'filedAt', label: t('objections.filedAt'), children: formatTime(o.createdAt) },
    { key: 'reason', label: t('objections.reason'), span: 'filled' as const, children: <span style={preWrap}>{o.reason}</span> },
    { key: 'evidence', label: t('objections.evidence'), span: 'filled' as const, children: <Linkified text={o.evidence} /> },
  ];

  return (
    <Card
      size="small"
      data-testid="objection-item"
      data-id={o.id}
      data-status={o.status}
      title={
        <Space size={8} wrap style={{ whiteSpace: 'normal' }}>
          <Tag color={STATUS_COLORS[o.status]} data-status={o.status}>
            {t(`objections.status.${o.status}`)}
          </Tag>
          <span style={{ wordBreak: 'break-word' }}>{title}</span>
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={items} />
      {o.resolution && (
        <>
          <Divider plain titlePlacement="start" style={{ margin: '8px 0' }}>
            {t('objections.resolution')}
          </Divider>
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            items={[
              {
                key: 'decision',
                label: t('objections.decision'),
                children: <Tag color={STATUS_COLORS[o.resolution.decision]}>{t(`objections.status.${o.resolution.decision}`)}</Tag>,
              },
              { key: 'resolvedAt', label: t('objections.resolvedAt'), children: formatTime(o.resolution.resolvedAt) },
              { key: 'note', label: t('objections.note'), span: 'filled' as const, children: <span style={preWrap}>{o.resolution.note}</span> },
            ]}
          />
        </>
      )}
      {o.status === 'open' && (
        <>
          <Divider style={{ margin: '8px 0 12px' }} />
          <ResolveForm objection={o} messageApi={messageApi} />
        </>
      )}
    </Card>
  );
}

interface ResolveValues {
  decision: Decision;
  note: string;
}

function ResolveForm({ objection, messageApi }: { objection: Objection; messageApi: MessageInstance }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ResolveValues>();
  const [pending, setPending] = useState<ResolveValues | null>(null);

  const resolve = useMutation({
    mutationFn: (values: ResolveValues) =>
      unwrap(
        challengeApi.POST('/api/v1/objections/{id}/resolve', {
          params: { path: { id: objection.id } },
          body: { decision: values.decision, note: values.note.trim() },
        }),
      ),
    onSuccess: () => {
      setPending(null);
      void messageApi.success(t('objections.resolved'));
      void queryClient.invalidateQueries({ queryKey: ['admin', 'objections'] });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'challenge', objection.challengeId] });
    },
    onError: (error) => {
      setPending(null);
      // Already decided elsewhere: say so (the card may leave the list), then show the list as it is now.
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        void messageApi.warning(error.detail);
        void queryClient.invalidateQueries({ queryKey: ['admin', 'objections'] });
      }
    },
  });

  return (
    <>
      <Form<ResolveValues> form={form} layout="vertical" name={`resolve-${objection.id}`} onFinish={(values) => setPending(values)} disabled={resolve.isPending}>
        <Form.Item name="decision" label={t('objections.decision')} rules={[{ required: true, message: t('objections.decisionRequired') }]}>
          <Radio.Group
            data-testid="objection-decision"
            aria-label={t('objections.decision')}
            options={[
              { value: 'upheld', label: t('objections.decisionUpheld') },
              { value: 'dismissed', label: t('objections.decisionDismissed') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('objections.noteLabel')}
          rules={[
            { required: true, whitespace: true, message: t('objections.noteRequired') },
            { max: NOTE_MAX, message: t('common:field.tooLong', { max: NOTE_MAX }) },
          ]}
        >
          <Input.TextArea data-testid="objection-note" rows={3} placeholder={t('objections.notePlaceholder')} />
        </Form.Item>
        {resolve.isError && (
          <div data-testid="objection-problem" style={{ marginBottom: 12 }}>
            <ProblemAlert error={resolve.error} />
          </div>
        )}
        <Flex justify="flex-end">
          <Button type="primary" htmlType="submit" loading={resolve.isPending} data-testid="objection-resolve">
            {t('objections.resolve')}
          </Button>
        </Flex>
      </Form>
      <Modal
        open={pending !== null}
        title={t('objections.confirm.title')}
        okText={t('objections.confirm.ok')}
        cancelText={t('common:action.cancel')}
        okButtonProps={{ danger: pending?.decision === 'upheld', 'data-testid': 'objection-resolve-confirm' } as ButtonProps}
        confirmLoading={resolve.isPending}
        onOk={() => {
          if (pending) resolve.mutate(pending);
        }}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        {pending?.decision === 'upheld' ? (
          <>
            <Typography.Paragraph strong>{objection.bidId ? t('objections.confirm.upheldBid') : t('objections.confirm.upheldResult')}</Typography.Paragraph>
            <Typography.Paragraph>{t('objections.confirm.upheldBack')}</Typography.Paragraph>
          </>
        ) : (
          <Typography.Paragraph>{t('objections.confirm.dismissed')}</Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('objections.confirm.final')}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
