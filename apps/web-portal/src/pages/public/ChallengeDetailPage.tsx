// Route: /challenges/:id  — a challenge as anyone sees it (a draft only its owner; others get the not-found state).
// data-testids: challenge-title, challenge-status, challenge-organization, challenge-reward, challenge-deadline,
//   challenge-bid-count, go-bid, manage-challenge, result-link, kpi-table, scorecard-table, addendum-item,
//   qa-signin (sign-in link for Q&A), qa-item (each question, data-pending="true|false", data-mine),
//   ask-question-input, ask-question-submit, ask-question-success.
import { useBiddingOpen } from '../sme/shared';
import { formatYuan } from '../../components/format';
import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined';
import EditOutlined from '@ant-design/icons/EditOutlined';
import FlagOutlined from '@ant-design/icons/FlagOutlined';
import TrophyOutlined from '@ant-design/icons/TrophyOutlined';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, type DescriptionsProps, Flex, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { Challenge } from '../../api/types';
import { hasRole, useSession } from '../../auth/session';
import { Countdown, formatTime, timeZone } from '../../components/Countdown';
import { NotFound, QueryState } from '../../components/QueryState';
import { ChallengeStatusTag } from '../../components/StatusTag';
import { industrySection, isKnownCertification, RESULT_STATUSES, UUID } from './format';
import { LinkButton } from './LinkButton';
import { QuestionsCard } from './QuestionsCard';

export default function ChallengeDetailPage() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const query = useQuery({
    queryKey: ['challenge', id],
    enabled: valid,
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}', { params: { path: { id } } })),
  });
  if (!valid) return <NotFound />;
  return <QueryState query={query}>{(challenge) => <ChallengeView challenge={challenge} />}</QueryState>;
}

function ChallengeView({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation(['public', 'common']);
  const { user } = useSession();
  const isOwner = hasRole(user, 'lead') && !!user?.organizationId && user.organizationId === challenge.organizationId;
  const canManage = isOwner || hasRole(user, 'admin');
  const biddingOpen = useBiddingOpen(challenge);
  const canBid = hasRole(user, 'sme') && biddingOpen;

  // After an upheld objection a challenge is back to shortlisted and its standing awards stay public: ask.
  const result = useQuery({
    queryKey: ['challenge', challenge.id, 'result'],
    enabled: challenge.status === 'shortlisted',
    retry: false,
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}/result', { params: { path: { id: challenge.id } } })),
  });
  const hasResult = RESULT_STATUSES.includes(challenge.status) || (challenge.status === 'shortlisted' && result.isSuccess);

  const section = industrySection(challenge.industry);
  const facts: DescriptionsProps['items'] = [
    {
      key: 'reward',
      label: t('detail.reward'),
      children: (
        <Typography.Text strong style={{ fontSize: 18, color: '#c41d1d' }} data-testid="challenge-reward">
          {formatYuan(challenge.rewardYuan)}
        </Typography.Text>
      ),
    },
    {
      key: 'deadline',
      label: t('detail.deadline'),
      children: (
        <Space orientation="vertical" size={0} data-testid="challenge-deadline">
          {challenge.status === 'published' && <Countdown deadline={challenge.bidDeadline} />}
          <Typography.Text type={challenge.status === 'published' ? 'secondary' : undefined}>
            {t('detail.deadlineExact', { time: formatTime(challenge.bidDeadline), tz: timeZone() })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'organization',
      label: t('detail.organization'),
      children: <span data-testid="challenge-organization">{challenge.organizationName}</span>,
    },
    {
      key: 'industry',
      label: t('detail.industry'),
      children: challenge.industry ? `${challenge.industry}${section ? ` · ${t(`industrySection.${section}`)}` : ''}` : '—',
    },
    { key: 'publishedAt', label: t('detail.publishedAt'), children: formatTime(challenge.publishedAt) },
    ...(challenge.closedAt ? [{ key: 'closedAt', label: t('detail.closedAt'), children: formatTime(challenge.closedAt) }] : []),
    {
      key: 'bidCount',
      label: t('detail.bidCount'),
      children:
        challenge.bidCount === null ? (
          <Typography.Text type="secondary">{t('detail.bidCountSealed')}</Typography.Text>
        ) : (
          <Typography.Text strong data-testid="challenge-bid-count">
            {challenge.bidCount}
          </Typography.Text>
        ),
    },
    {
      key: 'tags',
      label: t('detail.tags'),
      children:
        challenge.tags.length > 0 ? (
          <Flex gap={4} wrap>
            {challenge.tags.map((tag) => (
              <Tag key={tag} color="blue">
                {tag}
              </Tag>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/">
        <ArrowLeftOutlined /> {t('detail.back')}
      </Link>

      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Typography.Title level={2} style={{ marginBottom: 8, overflowWrap: 'anywhere' }} data-testid="challenge-title">
            {challenge.title}
          </Typography.Title>
          <Space wrap>
            <span data-testid="challenge-status" data-status={challenge.status}>
              <ChallengeStatusTag status={challenge.status} />
            </span>
            <Typography.Text type="secondary">{challenge.organizationName}</Typography.Text>
          </Space>
        </div>
        <Space wrap>
          {canBid && (
            <LinkButton to={`/sme/challenges/${challenge.id}/bid`} type="primary" size="large" icon={<FlagOutlined />} data-testid="go-bid">
              {t('detail.goBid')}
            </LinkButton>
          )}
          {canManage && (
            <LinkButton to={`/lead/challenges/${challenge.id}`} icon={<EditOutlined />} data-testid="manage-challenge">
              {t('detail.manage')}
            </LinkButton>
          )}
          {hasResult && (
            <LinkButton to={`/challenges/${challenge.id}/result`} icon={<TrophyOutlined />} data-testid="result-link">
              {t('detail.result')}
            </LinkButton>
          )}
        </Space>
      </Flex>

      {challenge.status === 'cancelled' && (
        <Alert
          type="warning"
          showIcon
          title={t('detail.cancelled')}
          description={challenge.cancelReason ? t('detail.cancelReason', { reason: challenge.cancelReason }) : undefined}
        />
      )}

      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} items={facts} />
        {challenge.status === 'published' && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8 }}>
            {t('detail.sealedNote')}
          </Typography.Paragraph>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={t('detail.description')} size="small">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, overflowWrap: 'anywhere' }}>{challenge.description}</Typography.Paragraph>
            </Card>
            <KpiCard challenge={challenge} />
            <AddendaCard challenge={challenge} />
            <QuestionsCard challenge={challenge} user={user} isOwner={isOwner} />
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <EligibilityCard challenge={challenge} />
            <ScorecardCard challenge={challenge} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function KpiCard({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation(['public', 'common']);
  return (
    <Card title={t('detail.kpis')} size="small">
      <Table
        data-testid="kpi-table"
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={challenge.kpis}
        locale={{ emptyText: t('detail.noKpis') }}
        columns={[
          { key: 'name', title: t('detail.kpiName'), dataIndex: 'name' },
          { key: 'target', title: t('detail.kpiTarget'), dataIndex: 'target' },
          { key: 'unit', title: t('detail.kpiUnit'), dataIndex: 'unit', render: (unit: string | null) => unit || '—' },
          {
            key: 'mandatory',
            title: t('detail.kpiMandatory'),
            dataIndex: 'mandatory',
            render: (mandatory: boolean) => (mandatory ? <Tag color="red">{t('detail.yes')}</Tag> : <Tag>{t('detail.no')}</Tag>),
          },
        ]}
      />
    </Card>
  );
}

function AddendaCard({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation(['public', 'common']);
  if (challenge.addenda.length === 0 && challenge.status !== 'published') return null;
  return (
    <Card title={t('detail.addenda')} size="small">
      {challenge.addenda.length === 0 ? (
        <Typography.Text type="secondary">{t('detail.noAddenda')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          {challenge.addenda.map((addendum) => (
            <div key={addendum.id} data-testid="addendum-item" style={{ borderInlineStart: '3px solid #faad14', paddingInlineStart: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(addendum.createdAt)}
              </Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, overflowWrap: 'anywhere' }}>{addendum.text}</Typography.Paragraph>
              {addendum.bidDeadline && (
                <Typography.Text strong>{t('detail.addendumNewDeadline', { time: formatTime(addendum.bidDeadline) })}</Typography.Text>
              )}
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

function EligibilityCard({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation(['public', 'common']);
  const { regions = [], sizes = [], certifications = [] } = challenge.eligibility;
  const any = <Typography.Text type="secondary">{t('detail.unrestricted')}</Typography.Text>;
  const tags = (values: string[], label: (v: string) => string) =>
    values.length === 0 ? (
      any
    ) : (
      <Flex gap={4} wrap>
        {values.map((v) => (
          <Tag key={v}>{label(v)}</Tag>
        ))}
      </Flex>
    );
  return (
    <Card title={t('detail.eligibility')} size="small">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'regions', label: t('detail.regions'), children: tags(regions, (r) => r) },
          { key: 'sizes', label: t('detail.sizes'), children: tags(sizes, (s) => t(`common:size.${s}`)) },
          {
            key: 'certifications',
            label: t('detail.certifications'),
            children: tags(certifications, (c) => (isKnownCertification(c) ? t(`common:certification.${c}`) : c)),
          },
        ]}
      />
    </Card>
  );
}

function ScorecardCard({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation(['public', 'common']);
  return (
    <Card title={t('detail.scorecard')} size="small">
      <Table
        data-testid="scorecard-table"
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: true }}
        dataSource={challenge.scorecard.criteria}
        columns={[
          { key: 'name', title: t('detail.criterion'), dataIndex: 'name' },
          { key: 'weight', title: t('detail.weight'), dataIndex: 'weight', render: (w: number) => `${w}%` },
          { key: 'maxScore', title: t('detail.maxScore'), dataIndex: 'maxScore' },
        ]}
      />
      <Descriptions
        style={{ marginTop: 16 }}
        title={t('detail.review')}
        styles={{ title: { fontSize: 14 } }}
        column={1}
        size="small"
        items={[
          { key: 'reviewersPerBid', label: t('detail.reviewersPerBid'), children: challenge.review.reviewersPerBid },
          { key: 'blind', label: t('detail.blind'), children: challenge.review.blind ? t('detail.blindYes') : t('detail.blindNo') },
          { key: 'passingScore', label: t('detail.passingScore'), children: challenge.passingScore },
        ]}
      />
      <Descriptions
        style={{ marginTop: 16 }}
        title={t('detail.award')}
        styles={{ title: { fontSize: 14 } }}
        column={1}
        size="small"
        items={[
          { key: 'maxWinners', label: t('detail.maxWinners'), children: challenge.maxWinners },
          { key: 'shortlistSize', label: t('detail.shortlistSize'), children: challenge.shortlistSize },
        ]}
      />
    </Card>
  );
}
