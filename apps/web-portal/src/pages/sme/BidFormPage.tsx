/**
 * Routes (role sme):
 *  - /sme/challenges/:challengeId/bid — a new bid: eligibility pre-check (GET /api/v1/challenges/:id/eligibility)
 *    first, then the form; POST /api/v1/bids with an Idempotency-Key (one per form session) → /sme/bids/:id.
 *  - /sme/bids/:id/edit — an amendment: PATCH /api/v1/bids/:id with the version read (409 VERSION_CONFLICT → reload).
 * The draft is autosaved in localStorage (jiebang.bidDraft.<userId>.<challengeId> or jiebang.bidDraft.<userId>.bid.<bidId>),
 * restored on return, cleared after a successful submit.
 * data-testids: eligibility-result (data-eligible true|false), existing-bid, bidding-closed, challenge-summary,
 * bid-summary, bid-approach, bid-kpi-<index> (0-based), bid-price, bid-duration, milestone-add, milestone-remove-<n>,
 * payments-total (data-total), team-add, team-remove-<n>, bid-submit, draft-restored, draft-discard, draft-saved,
 * bid-submit-error (data-code), bid-reload, bid-form.
 */
import { formatYuan } from '../../components/format';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { biddingApi, challengeApi, unwrap } from '../../api/client';
import type { Challenge } from '../../api/types';
import { Countdown, formatTime } from '../../components/Countdown';
import { NotFound, QueryState } from '../../components/QueryState';
import { ChallengeStatusTag } from '../../components/StatusTag';
import { BidForm } from './BidForm';
import { EligibilityReasons, smeKeys, useChallenge } from './shared';

export default function BidFormPage() {
  const { challengeId, id } = useParams<{ challengeId?: string; id?: string }>();
  if (id) return <AmendBid bidId={id} />;
  if (challengeId) return <NewBid challengeId={challengeId} />;
  return <NotFound />;
}

/** A new bid: the challenge, the eligibility pre-check and whether a live bid exists already, then the form. */
function NewBid({ challengeId }: { challengeId: string }) {
  const { t } = useTranslation('sme');
  const challenge = useChallenge(challengeId);
  const eligibility = useQuery({
    queryKey: smeKeys.eligibility(challengeId),
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}/eligibility', { params: { path: { id: challengeId } } })),
  });
  const existing = useQuery({
    queryKey: smeKeys.bidsOfChallenge(challengeId),
    queryFn: () => unwrap(biddingApi.GET('/api/v1/bids', { params: { query: { challengeId, limit: 100 } } })),
  });
  const live = existing.data?.items.find((b) => b.status !== 'withdrawn');

  return (
    <QueryState query={challenge}>
      {(c) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('form.newTitle')}
          </Typography.Title>
          <ChallengeSummary challenge={c} />
          <QueryState query={eligibility} isEmpty={() => false}>
            {(result) =>
              result.eligible ? (
                <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                  <Alert type="success" showIcon title={t('form.eligible')} data-testid="eligibility-result" data-eligible="true" />
                  {existing.isPending ? (
                    <Skeleton active />
                  ) : live ? (
                    <Alert
                      type="info"
                      showIcon
                      data-testid="existing-bid"
                      title={t('form.existingBid')}
                      description={t('form.existingBidDetail')}
                      action={
                        <Space orientation="vertical">
                          <Link to={`/sme/bids/${live.id}`}>{t('form.viewMyBid')}</Link>
                          <Link to={`/sme/bids/${live.id}/edit`}>{t('form.amendMyBid')}</Link>
                        </Space>
                      }
                    />
                  ) : (
                    <BidForm challenge={c} />
                  )}
                </Space>
              ) : (
                <Alert
                  type="error"
                  showIcon
                  data-testid="eligibility-result"
                  data-eligible="false"
                  title={t('form.ineligible')}
                  description={
                    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                      <Typography.Text>{t('form.ineligibleDetail')}</Typography.Text>
                      <EligibilityReasons reasons={result.reasons} challenge={c} />
                    </Space>
                  }
                />
              )
            }
          </QueryState>
        </Space>
      )}
    </QueryState>
  );
}

/** An amendment: the bid (its current revision and version) and its challenge, then the form. */
function AmendBid({ bidId }: { bidId: string }) {
  const { t } = useTranslation('sme');
  const bid = useQuery({
    queryKey: smeKeys.bid(bidId),
    queryFn: () => unwrap(biddingApi.GET('/api/v1/bids/{id}', { params: { path: { id: bidId } } })),
  });
  const challenge = useChallenge(bid.data?.challengeId);
  return (
    <QueryState query={bid}>
      {(b) => (
        <QueryState query={challenge}>
          {(c) => (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('form.amendTitle', { n: b.revision })}
              </Typography.Title>
              <ChallengeSummary challenge={c} />
              {b.status === 'submitted' ? (
                <BidForm challenge={c} bid={b} reloadBid={async () => (await bid.refetch()).data ?? b} />
              ) : (
                <Alert
                  type="warning"
                  showIcon
                  title={t('form.notAmendable')}
                  description={t('form.notAmendableDetail', { status: t(`common:bidStatus.${b.status}`) })}
                  action={<Link to={`/sme/bids/${b.id}`}>{t('form.viewMyBid')}</Link>}
                />
              )}
            </Space>
          )}
        </QueryState>
      )}
    </QueryState>
  );
}

function ChallengeSummary({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation('sme');
  return (
    <Card size="small" data-testid="challenge-summary">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap size={8}>
          <Link to={`/challenges/${challenge.id}`}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {challenge.title}
            </Typography.Text>
          </Link>
          <ChallengeStatusTag status={challenge.status} />
        </Space>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'org', label: t('form.lead'), children: challenge.organizationName },
            { key: 'reward', label: t('form.reward'), children: formatYuan(challenge.rewardYuan) },
            {
              key: 'deadline',
              label: t('form.deadline'),
              children: (
                <Space size={6} wrap>
                  <span>{formatTime(challenge.bidDeadline)}</span>
                  <Countdown deadline={challenge.bidDeadline} />
                </Space>
              ),
            },
          ]}
        />
        {challenge.addenda.length > 0 && (
          <div>
            <Typography.Text strong>{t('form.addenda')}</Typography.Text>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {challenge.addenda.map((a) => (
                <li key={a.id}>
                  <Typography.Text type="secondary">{formatTime(a.createdAt)}</Typography.Text> {a.text}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Space>
    </Card>
  );
}
