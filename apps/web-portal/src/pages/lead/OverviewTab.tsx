/*
 * Overview tab of /lead/challenges/:id: phase, actions by status, key facts, KPIs, scorecard, addenda.
 * data-testids: lead-phase (data-status), edit, publish, publish-error, addendum-form, addendum-submit,
 *   cancel-form, cancel-submit, cancel-closed-hint, challenge-facts, addendum-item, award-result (see ResultSummary).
 */
import { formatYuan } from '../../components/format';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { DescriptionsItemType } from 'antd/es/descriptions';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { Challenge } from '../../api/types';
import { Countdown, formatTime, timeZone } from '../../components/Countdown';
import { applyFieldErrors } from '../../components/formErrors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ChallengeStatusTag } from '../../components/StatusTag';
import { ResultSummary } from './ResultSummary';
import { leadKeys, type TabProps, useDeadlinePassed, withUnplaced } from './shared';

const ADMIN_CANCELLABLE: Challenge['status'][] = ['published', 'closed', 'reviewing', 'shortlisted', 'publicity'];

export function OverviewTab({ challenge, isOwner, isAdmin }: TabProps) {
  const { t } = useTranslation('lead');
  const deadlinePassed = useDeadlinePassed(challenge.bidDeadline);
  const ownerCanCancel = isOwner && (challenge.status === 'draft' || (challenge.status === 'published' && !deadlinePassed));
  const adminCanCancel = isAdmin && ADMIN_CANCELLABLE.includes(challenge.status);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PhaseAlert challenge={challenge} deadlinePassed={deadlinePassed} />
      <ResultSummary challenge={challenge} />
      {isOwner && challenge.status === 'draft' && <DraftActions challenge={challenge} deadlinePassed={deadlinePassed} />}
      {(isOwner && challenge.status === 'published' && !deadlinePassed) || ownerCanCancel || adminCanCancel ? (
        <Row gutter={[16, 16]}>
          {isOwner && challenge.status === 'published' && !deadlinePassed && (
            <Col xs={24} lg={ownerCanCancel || adminCanCancel ? 14 : 24}>
              <AddendumForm challenge={challenge} />
            </Col>
          )}
          {(ownerCanCancel || adminCanCancel) && (
            <Col xs={24} lg={isOwner && challenge.status === 'published' && !deadlinePassed ? 10 : 24}>
              <CancelForm challenge={challenge} asAdmin={!isOwner} />
            </Col>
          )}
        </Row>
      ) : null}
      {isOwner && challenge.status === 'published' && deadlinePassed && (
        <Typography.Text type="secondary" data-testid="cancel-closed-hint">
          {t('overview.cancelAfterDeadline')}
        </Typography.Text>
      )}
      <Facts challenge={challenge} />
      <ChallengeContent challenge={challenge} />
    </Space>
  );
}

function PhaseAlert({ challenge, deadlinePassed }: { challenge: Challenge; deadlinePassed: boolean }) {
  const { t } = useTranslation('lead');
  const key = challenge.status === 'published' && deadlinePassed ? 'publishedPastDeadline' : challenge.status;
  const type =
    challenge.status === 'failed' || challenge.status === 'cancelled'
      ? 'warning'
      : challenge.status === 'awarded'
        ? 'success'
        : challenge.status === 'shortlisted'
          ? 'warning'
          : 'info';
  return (
    <Alert
      type={type}
      showIcon
      data-testid="lead-phase"
      data-status={challenge.status}
      title={t(`overview.phase.${key}.title`)}
      description={
        challenge.status === 'cancelled' && challenge.cancelReason
          ? `${t(`overview.phase.cancelled.detail`)} ${t('overview.cancelReason', { reason: challenge.cancelReason })}`
          : t(`overview.phase.${key}.detail`)
      }
    />
  );
}

function DraftActions({ challenge, deadlinePassed }: { challenge: Challenge; deadlinePassed: boolean }) {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: () => unwrap(challengeApi.POST('/api/v1/challenges/{id}/publish', { params: { path: { id: challenge.id } } })),
    onSuccess: (published) => {
      queryClient.setQueryData(leadKeys.challenge(challenge.id), published);
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
      message.success(t('form.publishedMessage'));
    },
  });
  return (
    <Card size="small" title={t('overview.draftActions')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button onClick={() => void navigate(`/lead/challenges/${challenge.id}/edit`)} data-testid="edit">
            {tc('action.edit')}
          </Button>
          <Button type="primary" onClick={() => publish.mutate()} loading={publish.isPending} data-testid="publish">
            {t('overview.publish')}
          </Button>
        </Space>
        {deadlinePassed && <Typography.Text type="warning">{t('overview.deadlinePassedDraft')}</Typography.Text>}
        {publish.isError && (
          <div data-testid="publish-error">
            <ProblemAlert error={publish.error} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('overview.publishFixHint')}
            </Typography.Paragraph>
          </div>
        )}
      </Space>
    </Card>
  );
}

interface AddendumValues {
  text?: string;
  bidDeadline?: Dayjs | null;
}

function AddendumForm({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AddendumValues>();
  const [error, setError] = useState<unknown>(null);
  const add = useMutation({
    mutationFn: (values: AddendumValues) =>
      unwrap(
        challengeApi.POST('/api/v1/challenges/{id}/addenda', {
          params: { path: { id: challenge.id } },
          body: { text: (values.text ?? '').trim(), ...(values.bidDeadline ? { bidDeadline: values.bidDeadline.toDate().toISOString() } : {}) },
        }),
      ),
    onMutate: () => setError(null),
    onSuccess: () => {
      form.resetFields();
      message.success(t('overview.addendumPublished'));
      void queryClient.invalidateQueries({ queryKey: leadKeys.challenge(challenge.id) });
      void queryClient.invalidateQueries({ queryKey: leadKeys.parts(challenge.id) });
    },
    onError: (e) => setError(withUnplaced(e, applyFieldErrors(form, e))),
  });
  return (
    <Card size="small" title={t('overview.addendumTitle')} data-testid="addendum-form">
      <Typography.Paragraph type="secondary">{t('overview.addendumHelp')}</Typography.Paragraph>
      <Form<AddendumValues> form={form} layout="vertical" onFinish={(values) => add.mutate(values)}>
        <Form.Item
          name="text"
          label={t('overview.addendumText')}
          rules={[
            { required: true, whitespace: true, message: tc('field.required') },
            { max: 5000, message: tc('field.tooLong', { max: 5000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="bidDeadline"
          label={t('overview.addendumDeadline')}
          extra={`${t('overview.addendumDeadlineHelp', { time: formatTime(challenge.bidDeadline) })} ${tc('timeZone', { tz: timeZone() })}`}
        >
          <DatePicker showTime={{ format: 'HH:mm:ss' }} format="YYYY-MM-DD HH:mm:ss" style={{ width: '100%' }} placeholder={t('overview.addendumDeadlinePlaceholder')} />
        </Form.Item>
        {error !== null && <ProblemAlert error={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="addendum-submit">
          {t('overview.addendumSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

function CancelForm({ challenge, asAdmin }: { challenge: Challenge; asAdmin: boolean }) {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason?: string }>();
  const cancel = useMutation({
    mutationFn: (reason: string) => unwrap(challengeApi.POST('/api/v1/challenges/{id}/cancel', { params: { path: { id: challenge.id } }, body: { reason } })),
    onSuccess: (cancelled) => {
      queryClient.setQueryData(leadKeys.challenge(challenge.id), cancelled);
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
      message.success(t('overview.cancelled'));
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Card size="small" title={<Typography.Text type="danger">{t('overview.cancelTitle')}</Typography.Text>} data-testid="cancel-form">
      <Typography.Paragraph type="secondary">{asAdmin ? t('overview.cancelHelpAdmin') : t('overview.cancelHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values: { reason?: string }) => cancel.mutate((values.reason ?? '').trim())}>
        <Form.Item
          name="reason"
          label={t('overview.cancelReasonLabel')}
          rules={[
            { required: true, whitespace: true, message: tc('field.required') },
            { max: 2000, message: tc('field.tooLong', { max: 2000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {cancel.isError && <ProblemAlert error={cancel.error} style={{ marginBottom: 12 }} />}
        <Button danger htmlType="submit" loading={cancel.isPending} data-testid="cancel-submit">
          {t('overview.cancelSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

function Facts({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const e = challenge.eligibility;
  const items: DescriptionsItemType[] = [
    { key: 'org', label: t('facts.organization'), children: challenge.organizationName },
    { key: 'status', label: t('facts.status'), children: <ChallengeStatusTag status={challenge.status} /> },
    { key: 'reward', label: t('facts.reward'), children: formatYuan(challenge.rewardYuan) },
    {
      key: 'deadline',
      label: t('facts.deadline'),
      children: (
        <Space wrap size="small">
          <span>{formatTime(challenge.bidDeadline)}</span>
          {challenge.status === 'published' && <Countdown deadline={challenge.bidDeadline} />}
        </Space>
      ),
    },
    { key: 'industry', label: t('facts.industry'), children: challenge.industry ?? '—' },
    {
      key: 'bidCount',
      label: t('facts.bidCount'),
      children: challenge.bidCount === null ? <Typography.Text type="secondary">{t('facts.bidCountSealed')}</Typography.Text> : challenge.bidCount,
    },
    { key: 'maxWinners', label: t('facts.maxWinners'), children: challenge.maxWinners },
    { key: 'shortlistSize', label: t('facts.shortlistSize'), children: challenge.shortlistSize },
    { key: 'passingScore', label: t('facts.passingScore'), children: challenge.passingScore },
    { key: 'reviewers', label: t('facts.reviewersPerBid'), children: challenge.review.reviewersPerBid },
    { key: 'blind', label: t('facts.blind'), children: challenge.review.blind ? t('facts.yes') : t('facts.no') },
    {
      key: 'tags',
      label: t('facts.tags'),
      children: challenge.tags.length ? challenge.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—',
    },
    {
      key: 'regions',
      label: t('facts.regions'),
      children: e.regions?.length ? e.regions.map((r) => <Tag key={r}>{r}</Tag>) : t('facts.unrestricted'),
    },
    {
      key: 'sizes',
      label: t('facts.sizes'),
      children: e.sizes?.length ? e.sizes.map((s) => <Tag key={s}>{tc(`size.${s}`)}</Tag>) : t('facts.unrestricted'),
    },
    {
      key: 'certifications',
      label: t('facts.certifications'),
      children: e.certifications?.length
        ? e.certifications.map((c) => <Tag key={c}>{tc(`certification.${c}`, { defaultValue: c })}</Tag>)
        : t('facts.unrestricted'),
    },
    { key: 'published', label: t('facts.publishedAt'), children: formatTime(challenge.publishedAt) },
    { key: 'closed', label: t('facts.closedAt'), children: formatTime(challenge.closedAt) },
    { key: 'updated', label: t('facts.updatedAt'), children: `${formatTime(challenge.updatedAt)} · v${challenge.version}` },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} items={items} data-testid="challenge-facts" />;
}

function ChallengeContent({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation('lead');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card size="small" title={t('facts.description')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{challenge.description}</Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('facts.kpis')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={challenge.kpis}
            locale={{ emptyText: t('facts.noKpis') }}
            columns={[
              { key: 'name', title: t('form.kpiName'), dataIndex: 'name' },
              { key: 'target', title: t('form.kpiTarget'), render: (_, k) => `${k.target}${k.unit ? ` ${k.unit}` : ''}` },
              {
                key: 'mandatory',
                title: t('form.kpiMandatory'),
                render: (_, k) => (k.mandatory ? <Tag color="red">{t('form.mandatory')}</Tag> : <Tag>{t('form.optional')}</Tag>),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('facts.scorecard')}>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={challenge.scorecard.criteria}
            columns={[
              { key: 'name', title: t('form.criterionName'), render: (_, c) => <span>{c.name} <Typography.Text type="secondary" code>{c.key}</Typography.Text></span> },
              { key: 'weight', title: t('form.criterionWeight'), dataIndex: 'weight' },
              { key: 'maxScore', title: t('form.criterionMaxScore'), dataIndex: 'maxScore' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('facts.addenda')}>
          {challenge.addenda.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('facts.noAddenda')} />
          ) : (
            <Timeline
              items={challenge.addenda.map((a) => ({
                key: a.id,
                content: (
                  <div data-testid="addendum-item">
                    <Typography.Text type="secondary">{formatTime(a.createdAt)}</Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{a.text}</Typography.Paragraph>
                    {a.bidDeadline && <Tag color="orange">{t('facts.addendumDeadline', { time: formatTime(a.bidDeadline) })}</Tag>}
                  </div>
                ),
              }))}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
