/**
 * The feedback on a bid on /sme/bids/:id, from publicity on (data-testids: feedback (data-state
 * unavailable|loading|done|error), feedback-rank, feedback-score, feedback-reason, feedback-criterion, feedback-comments).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, biddingApi, unwrap } from '../../api/client';
import type { Bid, Challenge, Feedback } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { smeKeys } from './shared';

/** Challenge statuses from which the bidder may have feedback (publicity on; failed after a review; shortlisted again after an upheld objection). */
const FEEDBACK_STATUSES: Challenge['status'][] = ['publicity', 'awarded', 'failed', 'shortlisted'];

export function FeedbackCard({ bid, challenge }: { bid: Bid; challenge: Challenge }) {
  const { t } = useTranslation('sme');
  const possible = bid.status !== 'withdrawn' && FEEDBACK_STATUSES.includes(challenge.status);
  const feedback = useQuery({
    queryKey: smeKeys.feedback(bid.id, challenge.status),
    enabled: possible,
    queryFn: () => unwrap(biddingApi.GET('/api/v1/bids/{id}/feedback', { params: { path: { id: bid.id } } })),
  });
  const notYet = !possible || (feedback.error instanceof ApiError && feedback.error.code === 'INVALID_STATE');
  const state = notYet ? 'unavailable' : feedback.isPending ? 'loading' : feedback.isError ? 'error' : 'done';
  return (
    <Card title={t('feedback.title')} data-testid="feedback" data-state={state}>
      {notYet ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space orientation="vertical" size={2}>
              <Typography.Text>{bid.status === 'withdrawn' ? t('feedback.withdrawn') : challenge.status === 'cancelled' ? t('feedback.cancelled') : t('feedback.notYet')}</Typography.Text>
              {feedback.error instanceof ApiError && <Typography.Text type="secondary">{feedback.error.detail}</Typography.Text>}
            </Space>
          }
        />
      ) : (
        <QueryState query={feedback} isEmpty={() => false}>
          {(data) => <FeedbackBody feedback={data} challenge={challenge} bid={bid} />}
        </QueryState>
      )}
    </Card>
  );
}

/**
 * Why the bid was or was not chosen, in the portal's language: the same cases as the server's `reason` sentence
 * (bidding-service feedbackReason), told from the feedback's structured fields.
 */
export function reasonKey(feedback: Feedback, bid: Pick<Bid, 'status'>, challenge: Pick<Challenge, 'status' | 'passingScore'>): string {
  if (bid.status === 'disqualified') return 'feedback.reason.disqualified';
  if (bid.status === 'awarded' || feedback.awarded) return challenge.status === 'awarded' ? 'feedback.reason.awardedFinal' : 'feedback.reason.awardedPublicity';
  if (feedback.shortlisted) return 'feedback.reason.shortlisted';
  if (feedback.score < challenge.passingScore) return 'feedback.reason.belowPassing';
  return 'feedback.reason.notShortlisted';
}

function FeedbackBody({ feedback, challenge, bid }: { feedback: Feedback; challenge: Challenge; bid: Bid }) {
  const { t } = useTranslation('sme');
  const round = (x: number) => Math.round(x * 100) / 100;
  const reason = t(reasonKey(feedback, bid, challenge), {
    rank: feedback.rank,
    of: feedback.of,
    score: round(feedback.score),
    passing: challenge.passingScore,
    shortlistSize: challenge.shortlistSize,
    defaultValue: feedback.reason,
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 8]}>
        <Col xs={12}>
          <Statistic title={t('feedback.rankTitle')} value={feedback.rank} suffix={`/ ${feedback.of}`} />
        </Col>
        <Col xs={12}>
          <Statistic title={t('feedback.score')} value={round(feedback.score)} suffix="/ 100" data-testid="feedback-score" />
        </Col>
      </Row>
      <div>
        <Typography.Text strong data-testid="feedback-rank" data-rank={feedback.rank} data-of={feedback.of}>
          {t('feedback.rank', { rank: feedback.rank, of: feedback.of })}
        </Typography.Text>
        <Typography.Text type="secondary"> · {t('feedback.passing', { passing: challenge.passingScore })}</Typography.Text>
      </div>
      <Space wrap>
        {feedback.shortlisted ? <Tag color="cyan">{t('feedback.shortlisted')}</Tag> : <Tag>{t('feedback.notShortlisted')}</Tag>}
        {feedback.awarded ? <Tag color="gold">{t('feedback.awarded')}</Tag> : feedback.shortlisted ? <Tag>{t('feedback.notAwarded')}</Tag> : null}
      </Space>
      <Alert type={feedback.awarded ? 'success' : 'info'} title={t('feedback.why')} description={<span data-testid="feedback-reason">{reason}</span>} showIcon />
      <div>
        <Typography.Title level={5}>{t('feedback.criteria')}</Typography.Title>
        {feedback.criteria.map((c) => {
          const percent = c.maxScore > 0 ? Math.round((c.score / c.maxScore) * 1000) / 10 : 0;
          return (
            <div key={c.key} data-testid="feedback-criterion" data-key={c.key}>
              <Typography.Text>{c.name}</Typography.Text>
              <Progress percent={Math.max(0, Math.min(100, percent))} format={() => `${round(c.score)} / ${c.maxScore}`} size="small" aria-label={t('feedback.criterionLabel', { name: c.name, score: round(c.score), max: c.maxScore })} />
            </div>
          );
        })}
      </div>
      <div data-testid="feedback-comments">
        <Typography.Title level={5}>{t('feedback.comments')}</Typography.Title>
        {feedback.comments.length === 0 ? (
          <Typography.Text type="secondary">{t('feedback.noComments')}</Typography.Text>
        ) : (
          feedback.comments.map((comment, i) => (
            <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap', borderInlineStart: '3px solid #f0f0f0', paddingInlineStart: 12 }}>
              {comment}
            </Typography.Paragraph>
          ))
        )}
        <Typography.Text type="secondary">{t('feedback.commentsNote')}</Typography.Text>
      </div>
      {['publicity', 'awarded', 'shortlisted'].includes(challenge.status) && <Link to={`/challenges/${challenge.id}/result`}>{t('feedback.result')}</Link>}
    </Space>
  );
}
