/**
 * Route: /reviewer/assignments (reviewer: own assignments; admin: everyone's), optional `?challengeId=`.
 * data-testids: assignment-list, assignment-counts, assignment-item (data-id, data-status), assignment-link,
 * assignments-more, assignments-empty.
 */
import { useInfiniteQuery, useQueries, type UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { Assignment, Challenge } from '../../api/types';
import { useUser } from '../../auth/session';
import { formatTime } from '../../components/Countdown';
import { QueryState } from '../../components/QueryState';
import { AssignmentStatusTag, ChallengeStatusTag } from '../../components/StatusTag';
import { sortAssignments } from './scoring';

const PAGE_SIZE = 50;

type AssignmentPage = { items: Assignment[]; nextCursor: string | null };
type Pages = { pages: AssignmentPage[] };

export default function AssignmentsPage() {
  const { t } = useTranslation('reviewer');
  const user = useUser();
  const admin = user.role === 'admin';
  const [params, setParams] = useSearchParams();
  const challengeId = params.get('challengeId') ?? undefined;

  const query = useInfiniteQuery({
    queryKey: ['reviewer', 'assignments', user.id, challengeId ?? null],
    queryFn: ({ pageParam }) =>
      unwrap(
        challengeApi.GET('/api/v1/reviews/assignments', {
          params: { query: { limit: PAGE_SIZE, cursor: pageParam, challengeId } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const items = useMemo(() => sortAssignments((query.data?.pages ?? []).flatMap((p) => p.items)), [query.data]);
  const challengeIds = useMemo(() => [...new Set(items.map((a) => a.challengeId))], [items]);
  const challenges = useQueries({
    queries: challengeIds.map((id) => ({
      queryKey: ['reviewer', 'challenge', id],
      queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
      retry: false,
    })),
  });
  const challengeById = new Map<string, Challenge>();
  challenges.forEach((c, i) => {
    if (c.data) challengeById.set(challengeIds[i], c.data);
  });

  const counts = { assigned: 0, submitted: 0, declined: 0 };
  for (const a of items) counts[a.status] += 1;

  const empty = (
    <div data-testid="assignments-empty">
      <Empty
        description={
          <Space orientation="vertical" size={4} style={{ maxWidth: 560 }}>
            <Typography.Text strong>{t('assignments.emptyTitle')}</Typography.Text>
            {admin ? (
              <Typography.Text type="secondary">{t('assignments.emptyAdmin')}</Typography.Text>
            ) : (
              <>
                <Typography.Text type="secondary">{t('assignments.emptyDetail')}</Typography.Text>
                <Typography.Text type="secondary">{t('assignments.emptyPending')}</Typography.Text>
              </>
            )}
          </Space>
        }
      />
    </div>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {admin ? t('assignments.titleAdmin') : t('assignments.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {admin ? t('assignments.introAdmin') : t('assignments.intro')}
        </Typography.Paragraph>
      </div>
      {challengeId && (
        <Alert
          type="info"
          showIcon
          title={t('assignments.byChallenge')}
          action={
            <Button size="small" onClick={() => setParams({})}>
              {t('assignments.showAll')}
            </Button>
          }
        />
      )}
      <QueryState
        query={query as unknown as UseQueryResult<Pages>}
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={empty}
      >
        {() => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="assignment-list">
            <Typography.Text type="secondary" data-testid="assignment-counts">
              {t('assignments.counts', counts)}
            </Typography.Text>
            {items.map((a) => {
              const challenge = challengeById.get(a.challengeId);
              const title = challenge?.title ?? t('assignments.untitled', { id: a.challengeId.slice(0, 8) });
              const to = `/reviewer/assignments/${a.id}`;
              const action = a.status === 'assigned' && !admin ? t('assignments.start') : t('assignments.view');
              return (
                <Card key={a.id} size="small" data-testid="assignment-item" data-id={a.id} data-status={a.status}>
                  <Flex justify="space-between" align="center" gap={12} wrap>
                    <Space orientation="vertical" size={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
                      <Space size={8} wrap>
                        <Link to={to} data-testid="assignment-link" style={{ fontWeight: 600, wordBreak: 'break-word' }}>
                          {title}
                        </Link>
                        {challenge && <ChallengeStatusTag status={challenge.status} />}
                      </Space>
                      <Typography.Text type="secondary">
                        {t('assignments.assignedAt', { time: formatTime(a.assignedAt) })} · {t('assignments.affinity', { affinity: Math.round(a.affinity) })}
                      </Typography.Text>
                      {a.status === 'declined' && a.declineReason && (
                        <Typography.Text type="secondary">{t(`assignments.declineReason.${a.declineReason}`)}</Typography.Text>
                      )}
                      {admin && a.reviewerId && (
                        <Typography.Text type="secondary" copyable={{ text: a.reviewerId }}>
                          {t('assignments.reviewer', { id: a.reviewerId.slice(0, 8) })}
                        </Typography.Text>
                      )}
                    </Space>
                    <Space size={8}>
                      <AssignmentStatusTag status={a.status} />
                      <Link to={to} aria-label={`${action}: ${title}`}>
                        {action}
                      </Link>
                    </Space>
                  </Flex>
                </Card>
              );
            })}
            {query.hasNextPage && (
              <Button block onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="assignments-more">
                {t('common:action.more')}
              </Button>
            )}
          </Space>
        )}
      </QueryState>
    </Space>
  );
}
