/**
 * Route: /sme/bids/:id (role sme) — one of the SME's bids: content and revision (GET /api/v1/bids/:id), amend and
 * withdraw until the deadline (POST /api/v1/bids/:id/withdraw), the advisory assessment (GET …/assessment, polled
 * while pending) and, from publicity on, the feedback (GET …/feedback).
 * data-testids: bid-status (data-status), bid-revision, bid-amend, bid-withdraw, bid-withdraw-confirm, bid-withdrawn,
 * bid-rebid, bid-action-error, assessment (data-status pending|done), assessment-total, feedback (data-state
 * unavailable|loading|done|error), feedback-rank, feedback-score, feedback-reason, feedback-criterion, feedback-comments.
 */
import { formatYuan } from '../../components/format';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, biddingApi, unwrap } from '../../api/client';
import type { Bid, Challenge } from '../../api/types';
import { Countdown, formatTime } from '../../components/Countdown';
import { ProblemAlert } from '../../components/ProblemAlert';
import { NotFound, QueryState } from '../../components/QueryState';
import { BidStatusTag, ChallengeStatusTag } from '../../components/StatusTag';
import { AssessmentCard } from './AssessmentCard';
import { FeedbackCard } from './FeedbackCard';
import { smeKeys, useBiddingOpen, useChallenge } from './shared';

export default function BidDetailPage() {
  const { id } = useParams<{ id: string }>();
  const bid = useQuery({
    queryKey: smeKeys.bid(id ?? ''),
    enabled: !!id,
    queryFn: () => unwrap(biddingApi.GET('/api/v1/bids/{id}', { params: { path: { id: id! } } })),
  });
  if (!id) return <NotFound />;
  return <QueryState query={bid}>{(data) => <BidDetail bid={data} />}</QueryState>;
}

function BidDetail({ bid }: { bid: Bid }) {
  const { t } = useTranslation('sme');
  const challengeQuery = useChallenge(bid.challengeId);
  return (
    <QueryState query={challengeQuery}>
      {(challenge) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Header bid={bid} challenge={challenge} />
          <Row gutter={[16, 16]}>
            {/* On phones the feedback and the assessment come first: the bid's own content is the long part. */}
            <Col xs={{ span: 24, order: 2 }} lg={{ span: 14, order: 1 }}>
              <BidContent bid={bid} challenge={challenge} />
            </Col>
            <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <FeedbackCard bid={bid} challenge={challenge} />
                <AssessmentCard bid={bid} />
              </Space>
            </Col>
          </Row>
          <Link to="/sme/bids">{t('detail.backToList')}</Link>
        </Space>
      )}
    </QueryState>
  );
}

function Header({ bid, challenge }: { bid: Bid; challenge: Challenge }) {
  const { t } = useTranslation('sme');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const open = useBiddingOpen(challenge);
  const [withdrawnNow, setWithdrawnNow] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => unwrap(biddingApi.POST('/api/v1/bids/{id}/withdraw', { params: { path: { id: bid.id } } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(smeKeys.bid(bid.id), updated);
      void queryClient.invalidateQueries({ queryKey: smeKeys.bids });
      void queryClient.invalidateQueries({ queryKey: smeKeys.recommendations });
      setWithdrawnNow(true);
      void message.success(t('detail.withdrawn'));
    },
  });
  const canChange = open && bid.status === 'submitted';

  return (
    <Card>
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('detail.title')}</Typography.Text>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <Link to={`/challenges/${challenge.id}`}>{challenge.title}</Link>
        </Typography.Title>
        <Space wrap size={8}>
          <span data-testid="bid-status" data-status={bid.status}>
            <BidStatusTag status={bid.status} />
          </span>
          <Typography.Text data-testid="bid-revision">{t('detail.revision', { n: bid.revision })}</Typography.Text>
          <ChallengeStatusTag status={challenge.status} />
          {challenge.status === 'published' && (
            <span>
              <Typography.Text type="secondary">{t('detail.deadline')}: </Typography.Text>
              <Countdown deadline={challenge.bidDeadline} />
            </span>
          )}
        </Space>
        {canChange && (
          <Space wrap>
            <Button type="primary" onClick={() => void navigate(`/sme/bids/${bid.id}/edit`)} data-testid="bid-amend">
              {t('detail.amend')}
            </Button>
            <Popconfirm
              title={t('detail.withdrawConfirmTitle')}
              description={t('detail.withdrawConfirm')}
              okText={t('detail.withdrawOk')}
              cancelText={t('common:action.cancel')}
              okButtonProps={{ danger: true, loading: withdraw.isPending, autoInsertSpace: false, 'data-testid': 'bid-withdraw-confirm' }}
              cancelButtonProps={{ autoInsertSpace: false }}
              onConfirm={() => withdraw.mutateAsync().catch(() => undefined)}
            >
              <Button danger loading={withdraw.isPending} data-testid="bid-withdraw">
                {t('detail.withdraw')}
              </Button>
            </Popconfirm>
          </Space>
        )}
        {canChange && <Typography.Text type="secondary">{t('detail.changeUntil', { time: formatTime(challenge.bidDeadline) })}</Typography.Text>}
        {bid.status === 'withdrawn' && (
          <Alert
            type={withdrawnNow ? 'success' : 'info'}
            showIcon
            data-testid="bid-withdrawn"
            title={withdrawnNow ? t('detail.withdrawnNowTitle') : t('detail.withdrawnTitle')}
            description={open ? t('detail.canBidAgain') : t('detail.cannotBidAgain')}
            action={
              open ? (
                <Button size="small" type="primary" onClick={() => void navigate(`/sme/challenges/${challenge.id}/bid`)} data-testid="bid-rebid">
                  {t('detail.bidAgain')}
                </Button>
              ) : undefined
            }
          />
        )}
        {bid.status === 'submitted' && !open && challenge.status !== 'cancelled' && (
          <Alert type="info" showIcon title={t('detail.sealedAfterDeadline')} />
        )}
        {challenge.status === 'cancelled' && <Alert type="warning" showIcon title={t('detail.challengeCancelled')} />}
        {withdraw.isError && <ActionError error={withdraw.error} />}
      </Space>
    </Card>
  );
}

function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation('sme');
  if (error instanceof ApiError && error.code === 'BIDDING_CLOSED') {
    return <Alert type="error" showIcon data-testid="bid-action-error" title={t('errors.biddingClosed')} description={t('errors.biddingClosedDetail')} />;
  }
  if (error instanceof ApiError && error.code === 'INVALID_STATE') {
    return <Alert type="error" showIcon data-testid="bid-action-error" title={t('errors.invalidState')} description={error.detail} />;
  }
  return (
    <div data-testid="bid-action-error">
      <ProblemAlert error={error} />
    </div>
  );
}

function BidContent({ bid, challenge }: { bid: Bid; challenge: Challenge }) {
  const { t } = useTranslation('sme');
  const kpiRows = challenge.kpis.map((kpi, index) => ({
    key: kpi.id,
    index,
    kpi,
    commitment: bid.kpiResponses.find((r) => r.kpiId === kpi.id)?.commitment ?? null,
  }));
  const paymentTotal = bid.milestones.reduce((sum, m) => sum + m.paymentPercent, 0);
  return (
    <Card title={t('detail.content')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions
          column={{ xs: 1, sm: 2 }}
          size="small"
          bordered
          items={[
            { key: 'price', label: t('detail.price'), children: <span data-testid="bid-detail-price">{formatYuan(bid.priceYuan)}</span> },
            { key: 'duration', label: t('detail.duration'), children: t('detail.days', { n: bid.durationDays }) },
            { key: 'revision', label: t('detail.revisionLabel'), children: bid.revision },
            { key: 'reward', label: t('detail.reward'), children: formatYuan(challenge.rewardYuan) },
            { key: 'submitted', label: t('detail.submittedAt'), children: formatTime(bid.submittedAt) },
            { key: 'updated', label: t('detail.updatedAt'), children: formatTime(bid.updatedAt) },
            {
              key: 'hash',
              label: t('detail.contentHash'),
              span: 'filled',
              children: (
                <Typography.Text code copyable={{ text: bid.contentHash }} style={{ wordBreak: 'break-all' }}>
                  {bid.contentHash}
                </Typography.Text>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">{t('detail.hashNote')}</Typography.Text>
        <div>
          <Typography.Title level={5}>{t('detail.summary')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="bid-detail-summary">
            {bid.summary}
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Title level={5}>{t('detail.approach')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 12, expandable: 'collapsible' }}>
            {bid.technicalApproach}
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Title level={5}>{t('detail.kpis')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={kpiRows}
            locale={{ emptyText: t('detail.noKpis') }}
            columns={[
              {
                key: 'kpi',
                title: t('detail.kpi'),
                render: (_, row) => (
                  <Space size={4} wrap>
                    <Typography.Text>{row.kpi.name}</Typography.Text>
                    {row.kpi.mandatory && <Tag color="red">{t('form.mandatory')}</Tag>}
                  </Space>
                ),
              },
              { key: 'target', title: t('detail.target'), render: (_, row) => `${row.kpi.target}${row.kpi.unit ? ` ${row.kpi.unit}` : ''}` },
              {
                key: 'commitment',
                title: t('detail.commitment'),
                render: (_, row) => (row.commitment ? <span style={{ whiteSpace: 'pre-wrap' }}>{row.commitment}</span> : <Typography.Text type="secondary">{t('detail.noCommitment')}</Typography.Text>),
              },
            ]}
          />
        </div>
        <div>
          <Typography.Title level={5}>{t('detail.milestones')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey={(_, i) => String(i)}
            dataSource={bid.milestones}
            columns={[
              { key: 'n', title: '#', render: (_, __, i) => i + 1, width: 48 },
              { key: 'title', title: t('detail.milestoneTitle'), dataIndex: 'title' },
              { key: 'due', title: t('detail.dueDay'), render: (_, m) => t('detail.dayN', { n: m.dueDay }) },
              { key: 'pay', title: t('detail.payment'), align: 'right', render: (_, m) => `${m.paymentPercent}%` },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  {t('detail.paymentTotal')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {paymentTotal}%
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </div>
        <div>
          <Typography.Title level={5}>{t('detail.team')}</Typography.Title>
          {bid.team.length === 0 ? (
            <Typography.Text type="secondary">{t('detail.noTeam')}</Typography.Text>
          ) : (
            <Table
              size="small"
              pagination={false}
              scroll={{ x: true }}
              rowKey={(_, i) => String(i)}
              dataSource={bid.team}
              columns={[
                { key: 'name', title: t('detail.memberName'), dataIndex: 'name' },
                { key: 'role', title: t('detail.memberRole'), dataIndex: 'role' },
              ]}
            />
          )}
        </div>
      </Space>
    </Card>
  );
}
