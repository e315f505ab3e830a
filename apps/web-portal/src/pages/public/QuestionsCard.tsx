// The Q&A section of /challenges/:id.
// data-testids: qa-signin (sign-in link for Q&A), qa-item (each question, data-pending="true|false", data-mine), qa-pending,
//   qa-answer, ask-question-input, ask-question-submit, ask-question-success.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Form, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { allPages, ApiError, challengeApi, unwrap } from '../../api/client';
import type { Challenge, Question, User } from '../../api/types';
import { formatTime } from '../../components/Countdown';
import { applyFieldErrors } from '../../components/formErrors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';

/** Q&A: answered questions for every signed-in user; an SME also sees (and asks) its own pending ones. */
export function QuestionsCard({ challenge, user, isOwner }: { challenge: Challenge; user: User | null | undefined; isOwner: boolean }) {
  const { t } = useTranslation(['public', 'common']);
  const signedIn = !!user;
  const questions = useQuery({
    queryKey: ['challenge', challenge.id, 'questions', user?.id ?? null],
    enabled: signedIn,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(challengeApi.GET('/api/v1/challenges/{id}/questions', { params: { path: { id: challenge.id }, query: { limit: 100, cursor } } })),
      ),
  });

  let body;
  if (user === undefined) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (user === null) {
    body = (
      <Typography.Text>
        {t('qa.signInToRead')}{' '}
        <Link to={`/login?next=${encodeURIComponent(`/challenges/${challenge.id}`)}`} data-testid="qa-signin">
          {t('qa.signIn')}
        </Link>
      </Typography.Text>
    );
  } else {
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <QueryState query={questions} empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('qa.none')} />}>
          {(data) => (
            <Space orientation="vertical" size="small" style={{ width: '100%' }}>
              {data.items.map((q) => (
                <QuestionItem key={q.id} question={q} showMine={user.role === 'sme'} />
              ))}
            </Space>
          )}
        </QueryState>
        {user.role === 'sme' &&
          (challenge.status === 'published' ? (
            <AskQuestion challengeId={challenge.id} />
          ) : (
            <Typography.Text type="secondary">{t('qa.closedForQuestions')}</Typography.Text>
          ))}
        {!isOwner && user.role !== 'sme' && user.role !== 'admin' && challenge.status === 'published' && (
          <Typography.Text type="secondary">{t('qa.smeOnly')}</Typography.Text>
        )}
      </Space>
    );
  }
  return (
    <Card title={t('qa.title')} size="small">
      {body}
    </Card>
  );
}

function QuestionItem({ question, showMine }: { question: Question; showMine: boolean }) {
  const { t } = useTranslation(['public', 'common']);
  const pending = question.answer === null;
  return (
    <div
      data-testid="qa-item"
      data-pending={pending ? 'true' : 'false'}
      data-mine={question.mine ? 'true' : 'false'}
      style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, background: pending ? '#fffbe6' : undefined }}
    >
      <Flex gap={8} align="start">
        <Tag color="blue" style={{ flex: 'none' }}>
          {t('qa.question')}
        </Tag>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4, overflowWrap: 'anywhere' }}>{question.text}</Typography.Paragraph>
          <Space wrap size={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('qa.askedAt', { time: formatTime(question.createdAt) })}
            </Typography.Text>
            {showMine && question.mine && <Tag>{t('qa.yours')}</Tag>}
            {pending && (
              <Tag color="orange" data-testid="qa-pending">
                {t('qa.pending')}
              </Tag>
            )}
          </Space>
        </div>
      </Flex>
      {!pending && (
        <Flex gap={8} align="start" style={{ marginTop: 8 }}>
          <Tag color="green" style={{ flex: 'none' }}>
            {t('qa.answer')}
          </Tag>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4, overflowWrap: 'anywhere' }} data-testid="qa-answer">
              {question.answer}
            </Typography.Paragraph>
            {question.answeredAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('qa.answeredAt', { time: formatTime(question.answeredAt) })}
              </Typography.Text>
            )}
          </div>
        </Flex>
      )}
    </div>
  );
}

function AskQuestion({ challengeId }: { challengeId: string }) {
  const { t } = useTranslation(['public', 'common']);
  const [form] = Form.useForm<{ text: string }>();
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState(false);
  const ask = useMutation({
    mutationFn: (text: string) => unwrap(challengeApi.POST('/api/v1/challenges/{id}/questions', { params: { path: { id: challengeId } }, body: { text } })),
    onSuccess: () => {
      form.resetFields();
      setAsked(true);
      void queryClient.invalidateQueries({ queryKey: ['challenge', challengeId, 'questions'] });
    },
    onError: (error) => {
      setAsked(false);
      applyFieldErrors(form, error);
    },
  });
  const unplacedError = ask.error instanceof ApiError && ask.error.fieldErrors.some((e) => e.field === 'text') ? null : ask.error;
  return (
    <Form form={form} layout="vertical" onFinish={(values) => ask.mutate(values.text.trim())} onValuesChange={() => setAsked(false)}>
      <Form.Item
        name="text"
        label={t('qa.askLabel')}
        rules={[
          { required: true, whitespace: true, message: t('common:field.required') },
          { max: 2000, message: t('common:field.tooLong', { max: 2000 }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('qa.askPlaceholder')} data-testid="ask-question-input" />
      </Form.Item>
      {unplacedError ? <ProblemAlert error={unplacedError} style={{ marginBottom: 12 }} /> : null}
      {asked && <Alert type="success" showIcon title={t('qa.asked')} style={{ marginBottom: 12 }} data-testid="ask-question-success" />}
      <Button type="primary" htmlType="submit" loading={ask.isPending} data-testid="ask-question-submit">
        {t('qa.askSubmit')}
      </Button>
    </Form>
  );
}
