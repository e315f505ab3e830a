/*
 * Bids tab of /lead/challenges/:id: the opened bids (last revision of each live bid) with their advisory assessment.
 * Before the bids are opened the server answers 403 BIDS_SEALED: shown as a sealed state, never as an error.
 * data-testids: bids-not-published, bids-sealed (data-status), bids-empty, bids-count, bid-item (data-bid-id,
 *   data-status), bid-price, bid-duration, bid-kpis, bid-milestones, bid-team, assessment (data-status),
 *   assessment-pending, assessment-total, load-more.
 */
import { formatYuan } from '../../components/format';
import LockOutlined from '@ant-design/icons/LockOutlined';
import SyncOutlined from '@ant-design/icons/SyncOutlined';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Divider, Empty, Flex, Result, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { biddingApi, unwrap } from '../../api/client';
import type { Assessment, Bid, Challenge } from '../../api/types';
import { Countdown, formatTime } from '../../components/Countdown';
import { Explanation } from '../../components/Explanation';
import { ProblemAlert } from '../../components/ProblemAlert';
import { BidStatusTag } from '../../components/StatusTag';
import { formatScore, isApiError, leadKeys, NOWRAP_HEADER, OrganizationName, ShortHash, type TabProps, useDeadlinePassed } from './shared';

const PAGE_SIZE = 20;

export function BidsTab({ challenge }: TabProps) {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const published = challenge.status !== 'draft';
  const query = useInfiniteQuery({
    queryKey: leadKeys.part(challenge.id, 'bids', challenge.status),
    enabled: published,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(biddingApi.GET('/api/v1/bids', { params: { query: { challengeId: challenge.id, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  if (!published) return <Empty data-testid="bids-not-published" description={t('bids.notPublished')} />;
  if (query.isError && isApiError(query.error, 'BIDS_SEALED')) return <Sealed challenge={challenge} />;
  if (query.isPending) return <Card loading />;
  if (query.isError) {
    return (
      <div>
        <ProblemAlert error={query.error} />
        <Button style={{ marginTop: 12 }} onClick={() => void query.refetch()}>
          {tc('action.retry')}
        </Button>
      </div>
    );
  }
  const bids = query.data.pages.flatMap((p) => p.items);
  if (bids.length === 0) return <Empty data-testid="bids-empty" description={t('bids.empty')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('bids.openedNote')} />
      <Typography.Text type="secondary" data-testid="bids-count" data-count={bids.length}>
        {challenge.bidCount !== null ? t('bids.count', { count: challenge.bidCount }) : t('bids.countLoaded', { count: bids.length })}
      </Typography.Text>
      {bids.map((bid) => (
        <BidCard key={bid.id} bid={bid} challenge={challenge} />
      ))}
      {query.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="load-more">
            {tc('action.more')}
          </Button>
        </Flex>
      )}
    </Space>
  );
}

function Sealed({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation('lead');
  const passed = useDeadlinePassed(challenge.bidDeadline);
  let detail: React.ReactNode;
  if (challenge.status === 'cancelled') detail = t('bids.sealedCancelled');
  else if (challenge.status === 'published' && passed) detail = t('bids.sealedOpening');
  else if (challenge.status === 'published') {
    detail = (
      <Space orientation="vertical" size={4}>
        <span>{t('bids.sealedUntil', { time: formatTime(challenge.bidDeadline) })}</span>
        <Countdown deadline={challenge.bidDeadline} />
      </Space>
    );
  } else detail = t('bids.sealedGeneric');
  return (
    <Result
      icon={<LockOutlined />}
      data-testid="bids-sealed"
      data-status={challenge.status}
      title={t('bids.sealedTitle')}
      subTitle={
        <Space orientation="vertical" size={8}>
          {detail}
          <Typography.Text type="secondary">{t('bids.sealedWhy')}</Typography.Text>
        </Space>
      }
    />
  );
}

function BidCard({ bid, challenge }: { bid: Bid; challenge: Challenge }) {
  const { t } = useTranslation('lead');
  const kpiRows = challenge.kpis.map((kpi) => ({ kpi, response: bid.kpiResponses.find((r) => r.kpiId === kpi.id) ?? null }));
  // Responses to KPIs the challenge no longer lists (should not happen once published) still show.
  const stray = bid.kpiResponses.filter((r) => !challenge.kpis.some((k) => k.id === r.kpiId));
  return (
    <Card
      data-testid="bid-item"
      data-bid-id={bid.id}
      data-status={bid.status}
      title={
        <Space wrap size="small">
          <Typography.Text strong>
            <OrganizationName organizationId={bid.organizationId} />
          </Typography.Text>
          <BidStatusTag status={bid.status} />
        </Space>
      }
      extra={<Typography.Text type="secondary">{t('bids.revision', { revision: bid.revision })}</Typography.Text>}
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={14}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'price', label: t('bids.price'), children: <span data-testid="bid-price">{formatYuan(bid.priceYuan)}</span> },
              { key: 'duration', label: t('bids.duration'), children: <span data-testid="bid-duration">{t('bids.days', { count: bid.durationDays })}</span> },
              { key: 'submitted', label: t('bids.submittedAt'), children: formatTime(bid.submittedAt) },
              { key: 'updated', label: t('bids.updatedAt'), children: formatTime(bid.updatedAt) },
              { key: 'hash', label: t('bids.contentHash'), children: <ShortHash value={bid.contentHash} length={16} /> },
            ]}
          />
          <Divider titlePlacement="start" plain>
            {t('bids.summary')}
          </Divider>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{bid.summary}</Typography.Paragraph>
          <Divider titlePlacement="start" plain>
            {t('bids.technicalApproach')}
          </Divider>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 5, expandable: 'collapsible' }}>
            {bid.technicalApproach}
          </Typography.Paragraph>
        </Col>
        <Col xs={24} lg={10}>
          <AssessmentPanel bidId={bid.id} />
        </Col>
        <Col xs={24}>
          <Divider titlePlacement="start" plain>
            {t('bids.kpiResponses')}
          </Divider>
          <Table
            data-testid="bid-kpis"
            styles={NOWRAP_HEADER}
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey={(row) => row.kpi.id}
            dataSource={kpiRows}
            locale={{ emptyText: t('facts.noKpis') }}
            columns={[
              {
                key: 'kpi',
                title: t('form.kpiName'),
                render: (_, { kpi }) => (
                  <Space size={4} wrap>
                    <span>{kpi.name}</span>
                    {kpi.mandatory && <Tag color="red">{t('form.mandatory')}</Tag>}
                  </Space>
                ),
              },
              { key: 'target', title: t('form.kpiTarget'), render: (_, { kpi }) => `${kpi.target}${kpi.unit ? ` ${kpi.unit}` : ''}` },
              {
                key: 'commitment',
                title: t('bids.commitment'),
                render: (_, { response }) => response?.commitment || <Typography.Text type="secondary">{t('bids.noResponse')}</Typography.Text>,
              },
            ]}
          />
          {stray.length > 0 && (
            <ul style={{ marginTop: 8 }}>
              {stray.map((r) => (
                <li key={r.kpiId}>{r.commitment}</li>
              ))}
            </ul>
          )}
        </Col>
        <Col xs={24} md={14}>
          <Divider titlePlacement="start" plain>
            {t('bids.milestones')}
          </Divider>
          <Table
            data-testid="bid-milestones"
            styles={NOWRAP_HEADER}
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey={(m) => `${m.dueDay}-${m.title}`}
            dataSource={bid.milestones}
            columns={[
              { key: 'title', title: t('bids.milestone'), dataIndex: 'title' },
              { key: 'dueDay', title: t('bids.dueDay'), render: (_, m) => t('bids.dayN', { day: m.dueDay }) },
              { key: 'payment', title: t('bids.payment'), render: (_, m) => `${m.paymentPercent}%` },
            ]}
          />
        </Col>
        <Col xs={24} md={10}>
          <Divider titlePlacement="start" plain>
            {t('bids.team')}
          </Divider>
          <div data-testid="bid-team">
            {bid.team.length === 0 ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {bid.team.map((m, i) => (
                  <li key={i}>
                    {m.name} <Typography.Text type="secondary">· {m.role}</Typography.Text>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Col>
      </Row>
    </Card>
  );
}

type Part = { score?: number; explanation?: string; flag?: string | null };

function AssessmentPanel({ bidId }: { bidId: string }) {
  const { t } = useTranslation('lead');
  const query = useQuery({
    queryKey: leadKeys.assessment(bidId),
    queryFn: () => unwrap(biddingApi.GET('/api/v1/bids/{id}/assessment', { params: { path: { id: bidId } } })),
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 5000 : false),
  });
  return (
    <Card size="small" type="inner" title={t('assessment.title')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('assessment.advisory')}
      </Typography.Paragraph>
      {query.isPending ? (
        <Typography.Text type="secondary">{t('assessment.loading')}</Typography.Text>
      ) : query.isError ? (
        <ProblemAlert error={query.error} />
      ) : query.data.status === 'pending' ? (
        <Tag icon={<SyncOutlined spin />} color="processing" data-testid="assessment-pending">
          {t('assessment.pending')}
        </Tag>
      ) : (
        <AssessmentDone assessment={query.data} />
      )}
    </Card>
  );
}

function AssessmentDone({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation('lead');
  const fit = (a.fit ?? {}) as Part;
  const price = (a.price ?? {}) as Part;
  const duration = (a.duration ?? {}) as Part;
  const parts: { key: string; part: Part }[] = [
    { key: 'fit', part: fit },
    { key: 'price', part: price },
    { key: 'duration', part: duration },
  ];
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="assessment" data-status={a.status}>
      <Row gutter={[8, 8]}>
        <Col xs={12} sm={6}>
          <Statistic title={t('assessment.total')} value={formatScore(a.total)} styles={{ content: { fontSize: 22, fontWeight: 600 } }} data-testid="assessment-total" />
        </Col>
        {parts.map(({ key, part }) => (
          <Col xs={12} sm={6} key={key}>
            <Statistic title={t(`assessment.${key}`)} value={formatScore(part.score)} styles={{ content: { fontSize: 22 } }} />
          </Col>
        ))}
      </Row>
      <Space wrap size={4}>
        {a.eligible === false ? <Tag color="red">{t('assessment.ineligible')}</Tag> : <Tag color="green">{t('assessment.eligible')}</Tag>}
        {price.flag && <Tag color="orange">{t(`assessment.flag.${price.flag}`, { defaultValue: price.flag })}</Tag>}
        {a.revision !== undefined && <Typography.Text type="secondary">{t('assessment.revision', { revision: a.revision })}</Typography.Text>}
      </Space>
      {a.reasons && a.reasons.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {a.reasons.map((r, i) => (
            <li key={i}>
              <Typography.Text type="warning">{r.message}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      <Explanation value={a.explanation} />
      {a.computedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('assessment.computedAt', { time: formatTime(a.computedAt) })}
        </Typography.Text>
      )}
    </Space>
  );
}
