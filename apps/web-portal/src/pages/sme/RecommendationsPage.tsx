/**
 * Route: /sme/recommendations (role sme) — challenges open for bids ranked for this SME (GET /api/v1/recommendations).
 * data-testids: recommendation-item (data-challenge-id, data-eligible), recommendation-score, recommendation-eligibility,
 * recommendation-bid (→ /sme/challenges/:id/bid), recommendation-view-bid (→ /sme/bids/:bidId), recommendations-empty.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Progress, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { biddingApi, unwrap } from '../../api/client';
import type { Recommendation } from '../../api/types';
import { Countdown, formatTime } from '../../components/Countdown';
import { Explanation } from '../../components/Explanation';
import { QueryState } from '../../components/QueryState';
import { EligibilityReasons, type EligibilityReason, smeKeys } from './shared';

export default function RecommendationsPage() {
  const { t } = useTranslation('sme');
  const navigate = useNavigate();
  const recommendations = useQuery({
    queryKey: smeKeys.recommendations,
    queryFn: () => unwrap(biddingApi.GET('/api/v1/recommendations', { params: { query: { limit: 50 } } })),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('recommendations.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('recommendations.intro')} <Link to="/sme/profile">{t('recommendations.editProfile')}</Link>
        </Typography.Text>
      </div>
      <QueryState
        query={recommendations}
        empty={
          <Empty description={t('recommendations.empty')} data-testid="recommendations-empty">
            <Button type="primary" onClick={() => void navigate('/sme/profile')}>
              {t('recommendations.completeProfile')}
            </Button>
          </Empty>
        }
      >
        {(data) => (
          <Row gutter={[16, 16]}>
            {[...data.items]
              .sort((a, b) => a.rank - b.rank)
              .map((item) => (
                <Col xs={24} key={item.challengeId}>
                  <RecommendationCard item={item} />
                </Col>
              ))}
          </Row>
        )}
      </QueryState>
    </Space>
  );
}

function RecommendationCard({ item }: { item: Recommendation }) {
  const { t } = useTranslation('sme');
  const navigate = useNavigate();
  const reasons = (Array.isArray(item.explanation?.reasons) ? item.explanation.reasons : []) as EligibilityReason[];
  const score = Math.round(item.score);
  return (
    <Card size="small" data-testid="recommendation-item" data-challenge-id={item.challengeId} data-eligible={String(item.eligible)}>
      <Row gutter={[16, 12]} align="middle">
        <Col xs={24} md={17}>
          <Space orientation="vertical" size={6} style={{ width: '100%' }}>
            <Space wrap size={8}>
              <Tag color="red">{t('recommendations.rank', { rank: item.rank })}</Tag>
              <Link to={`/challenges/${item.challengeId}`}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {item.title}
                </Typography.Text>
              </Link>
              {item.eligible ? (
                <Tag color="green" data-testid="recommendation-eligibility">
                  {t('recommendations.eligible')}
                </Tag>
              ) : (
                <Tag color="orange" data-testid="recommendation-eligibility">
                  {t('recommendations.ineligible')}
                </Tag>
              )}
              {item.bidId && <Tag color="blue">{t('recommendations.alreadyBid')}</Tag>}
            </Space>
            <Typography.Text type="secondary">{t('recommendations.whyTitle')}</Typography.Text>
            <Explanation value={item.explanation} />
            {!item.eligible && (
              <div>
                <Typography.Text type="warning">{t('recommendations.ineligibleWhy')}</Typography.Text>
                {reasons.length > 0 ? <EligibilityReasons reasons={reasons} /> : <Typography.Paragraph type="secondary">{t('recommendations.ineligibleCheck')}</Typography.Paragraph>}
              </div>
            )}
          </Space>
        </Col>
        <Col xs={24} md={7}>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <div data-testid="recommendation-score" aria-label={t('recommendations.scoreLabel', { score })}>
              <Typography.Text type="secondary">{t('recommendations.score')}</Typography.Text>
              <Progress percent={Math.max(0, Math.min(100, score))} format={() => score} size="small" />
            </div>
            <div>
              <Typography.Text type="secondary">{t('recommendations.deadline')}: </Typography.Text>
              <Countdown deadline={item.bidDeadline} />
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(item.bidDeadline)}
                </Typography.Text>
              </div>
            </div>
            <Space wrap>
              {item.bidId ? (
                <Link to={`/sme/bids/${item.bidId}`} data-testid="recommendation-view-bid">
                  {t('recommendations.viewBid')}
                </Link>
              ) : (
                <Button
                  type={item.eligible ? 'primary' : 'default'}
                  onClick={() => void navigate(`/sme/challenges/${item.challengeId}/bid`)}
                  data-testid="recommendation-bid"
                  autoInsertSpace={false}
                >
                  {item.eligible ? t('recommendations.bid') : t('recommendations.checkEligibility')}
                </Button>
              )}
              <Link to={`/challenges/${item.challengeId}`}>{t('recommendations.details')}</Link>
            </Space>
          </Space>
        </Col>
      </Row>
    </Card>
  );
}
