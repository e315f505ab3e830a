/**
 * Route: /reviewer/assignments/:id (the assigned reviewer; an admin reads it without scoring).
 * data-testids: assignment-page (data-status), assignment-readonly, review-bid (the blind bid view),
 * review-bid-organization (only when the server names the bidder), review-kpis, review-milestones, review-team,
 * review-card, review-draft-loaded, review-form, score-<criterionKey> (the InputNumber of each criterion),
 * review-total (with review-total-value, data-total), review-comment, review-private-note, review-problem,
 * review-save, review-submit, review-submit-confirm (the confirmation's OK), review-decline, decline-reason,
 * decline-detail, decline-confirm.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, message, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { AssignmentDetail } from '../../api/types';
import { useUser } from '../../auth/session';
import { formatTime } from '../../components/Countdown';
import { QueryState } from '../../components/QueryState';
import { AssignmentStatusTag, ChallengeStatusTag } from '../../components/StatusTag';
import { detailKey } from './assignmentKeys';
import { BidView, preWrap } from './BidView';
import { Scorecard } from './Scorecard';
import { type AssignmentChallenge, challengeOf, type Criterion, criteriaOf, formatTotal, formatYuan, weightedTotal } from './scoring';

export default function AssignmentPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: detailKey(id),
    queryFn: () => unwrap(challengeApi.GET('/api/v1/reviews/assignments/{id}', { params: { path: { id } } })),
  });
  return <QueryState query={query}>{(detail) => <AssignmentView detail={detail} />}</QueryState>;
}

function AssignmentView({ detail }: { detail: AssignmentDetail }) {
  const { t } = useTranslation('reviewer');
  const user = useUser();
  const challenge = challengeOf(detail);
  const criteria = criteriaOf(detail);
  const admin = user.role === 'admin';
  const reviewing = challenge.status === 'reviewing';
  const readOnly = admin || detail.status !== 'assigned' || !reviewing;
  // Held here, above the scorecard: a decline unmounts the scorecard, and its message must stay.
  const [messageApi, messageHolder] = message.useMessage();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="assignment-page" data-status={detail.status}>
      {messageHolder}
      <Link to="/reviewer/assignments">← {t('assignment.back')}</Link>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 8, wordBreak: 'break-word' }}>
          {t('assignment.heading', { title: challenge.title })}
        </Typography.Title>
        <Space size={8} wrap>
          <AssignmentStatusTag status={detail.status} />
          <ChallengeStatusTag status={challenge.status} />
          <Tag color={challenge.blindReview ? 'geekblue' : 'volcano'}>{challenge.blindReview ? t('assignment.blind') : t('assignment.named')}</Tag>
          {challenge.id && <Link to={`/challenges/${challenge.id}`}>{t('assignment.viewChallenge')}</Link>}
        </Space>
      </div>
      {detail.status === 'assigned' && (
        <Alert type="info" showIcon title={challenge.blindReview ? t('assignment.blindHint') : t('assignment.namedHint')} />
      )}
      <ReadOnlyNotice detail={detail} challenge={challenge} criteria={criteria} admin={admin} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ChallengeCard challenge={challenge} />
            {detail.bid ? (
              <BidView bid={detail.bid} challenge={challenge} />
            ) : (
              <Card title={t('assignment.bid.title')}>
                <Typography.Text type="secondary">{t('assignment.bid.hiddenAfterDecline')}</Typography.Text>
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          {detail.status !== 'declined' && <Scorecard detail={detail} criteria={criteria} readOnly={readOnly} messageApi={messageApi} />}
        </Col>
      </Row>
    </Space>
  );
}

function ReadOnlyNotice({ detail, challenge, criteria, admin }: { detail: AssignmentDetail; challenge: AssignmentChallenge; criteria: Criterion[]; admin: boolean }) {
  const { t } = useTranslation('reviewer');
  let text: string | null = null;
  let type: 'success' | 'info' | 'warning' = 'info';
  if (detail.status === 'submitted') {
    const total = detail.review?.total ?? weightedTotal(criteria, detail.review?.scores).total;
    text = t('assignment.readOnly.submitted', { time: formatTime(detail.review?.submittedAt), total: formatTotal(total) });
    type = 'success';
  } else if (detail.status === 'declined') {
    text = t('assignment.readOnly.declined');
  } else if (admin) {
    text = t('assignment.readOnly.admin');
  } else if (challenge.status !== 'reviewing') {
    text = t('assignment.readOnly.notReviewing', { status: t(`common:challengeStatus.${challenge.status}`) });
    type = 'warning';
  }
  if (!text) return null;
  return <Alert type={type} showIcon title={text} data-testid="assignment-readonly" />;
}

function ChallengeCard({ challenge }: { challenge: AssignmentChallenge }) {
  const { t, i18n } = useTranslation('reviewer');
  const items = [
    ...(challenge.organizationName ? [{ key: 'organization', label: t('assignment.challenge.organization'), children: challenge.organizationName }] : []),
    { key: 'industry', label: t('assignment.challenge.industry'), children: challenge.industry ?? t('assignment.challenge.none') },
    ...(challenge.rewardYuan !== null
      ? [{ key: 'reward', label: t('assignment.challenge.reward'), children: t('assignment.bid.yuan', { amount: formatYuan(challenge.rewardYuan, i18n.language) }) }]
      : []),
    {
      key: 'tags',
      label: t('assignment.challenge.tags'),
      children:
        challenge.tags.length > 0 ? (
          <Space size={[4, 4]} wrap>
            {challenge.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </Space>
        ) : (
          t('assignment.challenge.none')
        ),
    },
  ];
  return (
    <Card title={t('assignment.challenge.title')} size="small">
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={items} />
      {challenge.description && (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
            {t('assignment.challenge.description')}
          </Typography.Text>
          <Typography.Paragraph style={{ ...preWrap, marginTop: 4, marginBottom: 0 }} ellipsis={{ rows: 4, expandable: 'collapsible' }}>
            {challenge.description}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
