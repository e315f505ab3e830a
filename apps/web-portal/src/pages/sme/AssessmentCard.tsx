/** The advisory assessment of a bid on /sme/bids/:id (data-testids: assessment (data-status pending|done), assessment-total, assessment-<part>). */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Progress, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { biddingApi, unwrap } from '../../api/client';
import type { Assessment, Bid } from '../../api/types';
import { formatTime } from '../../components/Countdown';
import { Explanation } from '../../components/Explanation';
import { QueryState } from '../../components/QueryState';
import { EligibilityReasons, smeKeys } from './shared';

const PART_KEYS = ['fit', 'price', 'duration'] as const;

interface AssessmentPartShape {
  score?: number;
  explanation?: string;
  flag?: string | null;
  matchedTerms?: string[];
  kpisAnswered?: number;
  kpisTotal?: number;
  inconsistent?: boolean;
}

export function AssessmentCard({ bid }: { bid: Bid }) {
  const { t } = useTranslation('sme');
  const assessment = useQuery({
    queryKey: smeKeys.assessment(bid.id),
    queryFn: () => unwrap(biddingApi.GET('/api/v1/bids/{id}/assessment', { params: { path: { id: bid.id } } })),
    // The worker assesses each revision shortly after it is sealed: poll until it is there.
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 4000 : false),
  });
  const status = assessment.data?.status ?? 'pending';
  return (
    <Card
      title={t('assessment.title')}
      extra={<Tag color="gold">{t('assessment.adviceTag')}</Tag>}
      data-testid="assessment"
      data-status={status}
    >
      <Alert type="info" showIcon title={t('assessment.advice')} style={{ marginBottom: 12 }} />
      <QueryState query={assessment} isEmpty={() => false}>
        {(data) => (data.status === 'pending' ? <AssessmentPending /> : <AssessmentDone assessment={data} bid={bid} />)}
      </QueryState>
    </Card>
  );
}

function AssessmentPending() {
  const { t } = useTranslation('sme');
  return (
    <Space align="center">
      <Spin size="small" />
      <Typography.Text type="secondary">{t('assessment.pending')}</Typography.Text>
    </Space>
  );
}

function AssessmentDone({ assessment, bid }: { assessment: Assessment; bid: Bid }) {
  const { t } = useTranslation('sme');
  const total = Math.round((assessment.total ?? 0) * 10) / 10;
  const parts = PART_KEYS.map((key) => ({ key, part: (assessment[key] ?? {}) as AssessmentPartShape }));
  const fit = parts[0].part;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16} align="middle">
        <Col flex="none">
          <Progress type="circle" size={88} percent={Math.max(0, Math.min(100, total))} format={() => total} data-testid="assessment-total" aria-label={t('assessment.totalLabel', { total })} />
        </Col>
        <Col flex="auto">
          <Space orientation="vertical" size={4}>
            <Typography.Text strong>{t('assessment.total')}</Typography.Text>
            {assessment.eligible === false ? <Tag color="orange">{t('assessment.ineligible')}</Tag> : <Tag color="green">{t('assessment.eligible')}</Tag>}
            {assessment.revision !== undefined && (
              <Typography.Text type="secondary">
                {t('assessment.ofRevision', { n: assessment.revision })}
                {assessment.revision !== bid.revision ? ` · ${t('assessment.olderRevision')}` : ''}
              </Typography.Text>
            )}
            {assessment.computedAt && <Typography.Text type="secondary">{t('assessment.computedAt', { time: formatTime(assessment.computedAt) })}</Typography.Text>}
          </Space>
        </Col>
      </Row>
      {assessment.eligible === false && assessment.reasons && assessment.reasons.length > 0 && <EligibilityReasons reasons={assessment.reasons} />}
      <div>
        {parts.map(({ key, part }) => {
          const score = Math.round((typeof part.score === 'number' ? part.score : 0) * 10) / 10;
          return (
            <div key={key} data-testid={`assessment-${key}`} style={{ marginBottom: 8 }}>
              <Space size={6} wrap>
                <Typography.Text>{t(`assessment.part.${key}`)}</Typography.Text>
                <Typography.Text type="secondary">{t(`assessment.weight.${key}`)}</Typography.Text>
                {part.flag && <Tag color="red">{t(`assessment.flag.${part.flag}`, { defaultValue: part.flag })}</Tag>}
                {part.inconsistent && <Tag color="red">{t('assessment.inconsistent')}</Tag>}
              </Space>
              <Progress percent={Math.max(0, Math.min(100, score))} format={() => score} size="small" status={score < 50 ? 'exception' : 'normal'} />
            </div>
          );
        })}
        {typeof fit.kpisTotal === 'number' && fit.kpisTotal > 0 && (
          <Typography.Text type="secondary">{t('assessment.kpisAnswered', { answered: fit.kpisAnswered ?? 0, total: fit.kpisTotal })}</Typography.Text>
        )}
        {fit.matchedTerms && fit.matchedTerms.length > 0 && (
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">{t('assessment.matchedTerms')}: </Typography.Text>
            {fit.matchedTerms.filter((term) => [...term].length > 1).slice(0, 12).map((term) => (
              <Tag key={term}>{term}</Tag>
            ))}
          </div>
        )}
      </div>
      <Explanation value={assessment.explanation} />
    </Space>
  );
}
