/**
 * Route: /sme/bids (role sme) — the SME's own bids (GET /api/v1/bids?limit=&cursor=), newest first, with the
 * challenge of each (GET /api/v1/challenges/:id).
 * data-testids: my-bid-item (data-id, data-status; a table row on wide screens, a card on phones), my-bids-more,
 * my-bids-empty.
 */
import { formatYuan } from '../../components/format';
import { useInfiniteQuery, useQueries, type UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Grid, Row, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { biddingApi, challengeApi, unwrap } from '../../api/client';
import type { Bid, Challenge } from '../../api/types';
import { Countdown, formatTime } from '../../components/Countdown';
import { QueryState } from '../../components/QueryState';
import { BidStatusTag, ChallengeStatusTag } from '../../components/StatusTag';
import { smeKeys } from './shared';

const PAGE_SIZE = 20;

export default function MyBidsPage() {
  const { t } = useTranslation('sme');
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const bids = useInfiniteQuery({
    queryKey: [...smeKeys.bids, 'list'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(biddingApi.GET('/api/v1/bids', { params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = bids.data?.pages.flatMap((page) => page.items) ?? [];
  const challengeIds = [...new Set(items.map((bid) => bid.challengeId))];
  const challenges = useQueries({
    queries: challengeIds.map((id) => ({
      queryKey: smeKeys.challenge(id),
      queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}', { params: { path: { id } } })),
      staleTime: 30_000,
    })),
  });
  const challengeOf = new Map<string, UseQueryResult<Challenge>>(challengeIds.map((id, i) => [id, challenges[i]]));

  const challengeCell = (bid: Bid) => {
    const challenge = challengeOf.get(bid.challengeId)?.data;
    return (
      <Space orientation="vertical" size={2}>
        <Link to={`/challenges/${bid.challengeId}`}>{challenge?.title ?? t('myBids.challengeLink')}</Link>
        {challenge && (
          <Space size={4} wrap>
            <ChallengeStatusTag status={challenge.status} />
            {challenge.status === 'published' && <Countdown deadline={challenge.bidDeadline} />}
          </Space>
        )}
      </Space>
    );
  };

  const columns: ColumnsType<Bid> = [
    { key: 'challenge', title: t('myBids.challenge'), render: (_, bid) => challengeCell(bid) },
    { key: 'status', title: t('myBids.status'), render: (_, bid) => <BidStatusTag status={bid.status} /> },
    { key: 'price', title: t('myBids.price'), align: 'right', render: (_, bid) => formatYuan(bid.priceYuan) },
    { key: 'revision', title: t('myBids.revision'), align: 'center', render: (_, bid) => t('myBids.revisionN', { n: bid.revision }) },
    { key: 'submitted', title: t('myBids.submittedAt'), render: (_, bid) => formatTime(bid.submittedAt) },
    { key: 'updated', title: t('myBids.updatedAt'), render: (_, bid) => formatTime(bid.updatedAt) },
    {
      key: 'actions',
      title: t('myBids.actions'),
      render: (_, bid) => (
        <Link to={`/sme/bids/${bid.id}`} aria-label={t('myBids.openN', { title: challengeOf.get(bid.challengeId)?.data?.title ?? bid.id })}>
          {t('common:action.view')}
        </Link>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('myBids.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('myBids.sealedNote')}</Typography.Text>
      <QueryState
        query={bids}
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
        empty={
          <Empty description={t('myBids.empty')} data-testid="my-bids-empty">
            <Button type="primary" onClick={() => void navigate('/sme/recommendations')}>
              {t('myBids.findChallenges')}
            </Button>
          </Empty>
        }
      >
        {() =>
          screens.md ? (
            <Table<Bid>
              rowKey="id"
              columns={columns}
              dataSource={items}
              pagination={false}
              scroll={{ x: true }}
              size="middle"
              onRow={(bid) => ({ 'data-testid': 'my-bid-item', 'data-id': bid.id, 'data-status': bid.status }) as React.HTMLAttributes<HTMLElement>}
            />
          ) : (
            <Row gutter={[12, 12]}>
              {items.map((bid) => (
                <Col xs={24} key={bid.id}>
                  <Card size="small" data-testid="my-bid-item" data-id={bid.id} data-status={bid.status}>
                    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                      {challengeCell(bid)}
                      <Space wrap size={8}>
                        <BidStatusTag status={bid.status} />
                        <Typography.Text>{formatYuan(bid.priceYuan)}</Typography.Text>
                        <Typography.Text type="secondary">{t('myBids.revisionN', { n: bid.revision })}</Typography.Text>
                      </Space>
                      <Typography.Text type="secondary">
                        {t('myBids.submittedAt')}: {formatTime(bid.submittedAt)}
                      </Typography.Text>
                      <Link to={`/sme/bids/${bid.id}`}>{t('myBids.open')}</Link>
                    </Space>
                  </Card>
                </Col>
              ))}
            </Row>
          )
        }
      </QueryState>
      {bids.hasNextPage && (
        <Button onClick={() => void bids.fetchNextPage()} loading={bids.isFetchingNextPage} data-testid="my-bids-more">
          {t('common:action.more')}
        </Button>
      )}
    </Space>
  );
}
