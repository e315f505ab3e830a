// Route: /challenges/:id/result  — the published result (公示), public without a token; objections for signed-in users.
// data-testids: result-status (data-status), result-winner (each winner, data-bid-id), result-publicity-ends,
//   result-open-objections, result-not-yet, result-challenge-link, objection-signin, objection-target,
//   objection-bid, objection-reason, objection-evidence, objection-submit, objection-success (data-status="open").
import ArrowLeftOutlined from '@ant-design/icons/ArrowLeftOutlined';
import TrophyOutlined from '@ant-design/icons/TrophyOutlined';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Radio, Result as AntResult, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, challengeApi, unwrap } from '../../api/client';
import type { Objection, Result } from '../../api/types';
import { useSession } from '../../auth/session';
import { Countdown, formatTime, timeZone } from '../../components/Countdown';
import { applyFieldErrors } from '../../components/formErrors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { NotFound, QueryState } from '../../components/QueryState';
import { ChallengeStatusTag } from '../../components/StatusTag';
import { UUID } from './format';
import { LinkButton } from './LinkButton';
import { useDeadlinePassed } from '../../components/clock';

export default function ResultPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['public', 'common']);
  const valid = UUID.test(id);
  const result = useQuery({
    queryKey: ['challenge', id, 'result'],
    enabled: valid,
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}/result', { params: { path: { id } } })),
  });
  // The title, for context; the result stands on its own if the challenge cannot be read.
  const challenge = useQuery({
    queryKey: ['challenge', id],
    enabled: valid,
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}', { params: { path: { id } } })),
  });
  if (!valid) return <NotFound />;

  const notYet = result.error instanceof ApiError && result.error.status === 409;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={`/challenges/${id}`} data-testid="result-challenge-link">
        <ArrowLeftOutlined /> {t('result.backToChallenge')}
      </Link>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          <TrophyOutlined /> {t('result.title')}
        </Typography.Title>
        {challenge.data && (
          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
            {t('result.challenge')}: <Link to={`/challenges/${id}`}>{challenge.data.title}</Link> · {challenge.data.organizationName}
          </Typography.Text>
        )}
      </div>
      {notYet ? (
        <AntResult
          status="info"
          title={t('result.notYet')}
          subTitle={t('result.notYetDetail')}
          data-testid="result-not-yet"
          extra={<LinkButton to={`/challenges/${id}`}>{t('result.backToChallenge')}</LinkButton>}
        />
      ) : (
        <QueryState query={result}>{(data) => <ResultView challengeId={id} result={data} />}</QueryState>
      )}
    </Space>
  );
}

function ResultView({ challengeId, result }: { challengeId: string; result: Result }) {
  const { t } = useTranslation(['public', 'common']);
  const publicityEnded = useDeadlinePassed(result.publicityEndsAt);
  const inPublicity = result.status === 'publicity';
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small">
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'status',
                  label: t('result.status'),
                  children: (
                    <span data-testid="result-status" data-status={result.status}>
                      <ChallengeStatusTag status={result.status} />
                    </span>
                  ),
                },
                {
                  key: 'openObjections',
                  label: t('result.openObjections'),
                  children: (
                    <Typography.Text strong type={result.openObjections > 0 ? 'warning' : undefined} data-testid="result-open-objections">
                      {result.openObjections}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'publicityEnds',
                  label: t('result.publicityEnds'),
                  span: { xs: 1, sm: 2 },
                  children: (
                    <Space orientation="vertical" size={0} data-testid="result-publicity-ends">
                      {inPublicity && <Countdown deadline={result.publicityEndsAt} />}
                      <Typography.Text type={inPublicity ? 'secondary' : undefined}>
                        {inPublicity || !publicityEnded
                          ? t('detail.deadlineExact', { time: formatTime(result.publicityEndsAt), tz: timeZone() })
                          : t('result.publicityEnded', { time: `${formatTime(result.publicityEndsAt)} (${timeZone()})` })}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {inPublicity ? t('result.publicityNote') : result.status === 'awarded' ? t('result.awardedNote') : t('result.revokedNote')}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t('result.winners')}>
            {result.winners.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('result.noWinners')} />
            ) : (
              <Space orientation="vertical" size="small" style={{ width: '100%' }}>
                {result.winners.map((w) => (
                  <Flex key={w.bidId} gap={8} align="center" data-testid="result-winner" data-bid-id={w.bidId}>
                    <TrophyOutlined style={{ color: '#d4b106' }} />
                    <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                      {w.organizationName}
                    </Typography.Text>
                  </Flex>
                ))}
              </Space>
            )}
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={12}>
        <ObjectionCard challengeId={challengeId} result={result} />
      </Col>
    </Row>
  );
}

interface ObjectionValues {
  target: 'result' | 'bid';
  bidId?: string;
  reason: string;
  evidence: string;
}

function ObjectionCard({ challengeId, result }: { challengeId: string; result: Result }) {
  const { t } = useTranslation(['public', 'common']);
  const { user } = useSession();
  const [form] = Form.useForm<ObjectionValues>();
  const target = Form.useWatch('target', form);
  const queryClient = useQueryClient();
  const [filed, setFiled] = useState<Pick<Objection, 'id' | 'status'> | null>(null);
  const file = useMutation({
    mutationFn: (values: ObjectionValues) =>
      unwrap(
        challengeApi.POST('/api/v1/challenges/{id}/objections', {
          params: { path: { id: challengeId } },
          body: {
            reason: values.reason.trim(),
            evidence: values.evidence.trim(),
            ...(values.target === 'bid' && values.bidId ? { bidId: values.bidId } : {}),
          },
        }),
      ),
    onSuccess: (objection) => {
      setFiled({ id: objection.id, status: objection.status });
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['challenge', challengeId, 'result'] });
    },
    onError: (error) => applyFieldErrors(form, error),
  });
  const fieldNames = new Set(['reason', 'evidence', 'bidId']);
  const unplaced = file.error instanceof ApiError && file.error.fieldErrors.length > 0 && file.error.fieldErrors.every((e) => fieldNames.has(e.field)) ? null : file.error;

  let body;
  if (user === undefined) body = null;
  else if (user === null) {
    body = (
      <Typography.Text>
        {t('result.objectionSignIn')}{' '}
        <Link to={`/login?next=${encodeURIComponent(`/challenges/${challengeId}/result`)}`} data-testid="objection-signin">
          {t('qa.signIn')}
        </Link>
      </Typography.Text>
    );
  } else if (result.status !== 'publicity') {
    body = <Typography.Text type="secondary">{t('result.objectionClosed')}</Typography.Text>;
  } else {
    body = (
      <Form
        form={form}
        layout="vertical"
        initialValues={{ target: 'result' }}
        onFinish={(values) => file.mutate(values)}
        onValuesChange={() => setFiled(null)}
      >
        <Form.Item name="target" label={t('result.target')}>
          <Radio.Group
            data-testid="objection-target"
            options={[
              { value: 'result', label: t('result.targetResult') },
              { value: 'bid', label: t('result.targetBid'), disabled: result.winners.length === 0 },
            ]}
          />
        </Form.Item>
        {target === 'bid' && (
          <Form.Item name="bidId" label={t('result.targetBidLabel')} rules={[{ required: true, message: t('result.targetBidRequired') }]}>
            <Select
              data-testid="objection-bid"
              options={result.winners.map((w) => ({ value: w.bidId, label: w.organizationName }))}
              placeholder={t('result.targetBidLabel')}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('result.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common:field.required') },
            { max: 2000, message: t('common:field.tooLong', { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('result.reasonPlaceholder')} data-testid="objection-reason" />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('result.evidence')}
          rules={[
            { required: true, whitespace: true, message: t('common:field.required') },
            { max: 20000, message: t('common:field.tooLong', { max: 20000 }) },
          ]}
        >
          <Input.TextArea rows={5} maxLength={20000} placeholder={t('result.evidencePlaceholder')} data-testid="objection-evidence" />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('result.named')}</Typography.Paragraph>
        {unplaced ? <ProblemAlert error={unplaced} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" danger htmlType="submit" loading={file.isPending} data-testid="objection-submit">
          {t('result.submit')}
        </Button>
      </Form>
    );
  }

  return (
    <Card size="small" title={t('result.objectionTitle')}>
      {filed && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="objection-success"
          data-status={filed.status}
          title={
            <>
              {t('result.submitted', { id: filed.id, status: t(`result.objectionStatus.${filed.status}`) })}{' '}
              <Tag color="orange">{filed.status}</Tag>
            </>
          }
        />
      )}
      {body}
    </Card>
  );
}
