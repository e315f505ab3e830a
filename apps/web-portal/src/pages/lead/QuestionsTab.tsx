/*
 * Q&A tab of /lead/challenges/:id: every question (the owner sees the unanswered ones too, never who asked) and an
 * answer form per question. Answers are public to signed-in users.
 * data-testids: questions-empty, questions-unanswered-count, question-item (data-id, data-answered), question-answer,
 *   answer-edit, answer-input, answer-submit.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allPages, challengeApi, unwrap } from '../../api/client';
import type { Question } from '../../api/types';
import { formatTime } from '../../components/Countdown';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { leadKeys, type TabProps } from './shared';

export function QuestionsTab({ challenge, isOwner }: TabProps) {
  const { t } = useTranslation('lead');
  const query = useQuery({
    queryKey: leadKeys.part(challenge.id, 'questions'),
    queryFn: () =>
      allPages((cursor) =>
        unwrap(challengeApi.GET('/api/v1/challenges/{id}/questions', { params: { path: { id: challenge.id }, query: { limit: 100, cursor } } })),
      ),
    // New questions arrive while bidding is open.
    refetchInterval: challenge.status === 'published' ? 15_000 : false,
  });
  return (
    <QueryState query={query} empty={<Empty data-testid="questions-empty" description={t('questions.empty')} />}>
      {(data) => {
        // Unanswered first (oldest first, the order they wait in), then answered (newest answer first).
        const open = data.items.filter((q) => q.answer === null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        const answered = data.items.filter((q) => q.answer !== null).sort((a, b) => (b.answeredAt ?? '').localeCompare(a.answeredAt ?? ''));
        return (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text type="secondary" data-testid="questions-unanswered-count" data-count={open.length}>
              {t('questions.summary', { count: data.items.length, open: open.length })}
            </Typography.Text>
            {[...open, ...answered].map((q) => (
              <QuestionCard key={q.id} challengeId={challenge.id} question={q} canAnswer={isOwner} />
            ))}
          </Space>
        );
      }}
    </QueryState>
  );
}

function QuestionCard({ challengeId, question, canAnswer }: { challengeId: string; question: Question; canAnswer: boolean }) {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text?: string }>();
  const answered = question.answer !== null;
  const [editing, setEditing] = useState(false);
  const answer = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        challengeApi.POST('/api/v1/challenges/{id}/questions/{qid}/answer', {
          params: { path: { id: challengeId, qid: question.id } },
          body: { text },
        }),
      ),
    onSuccess: () => {
      setEditing(false);
      form.resetFields();
      message.success(t('questions.answered'));
      void queryClient.invalidateQueries({ queryKey: leadKeys.part(challengeId, 'questions') });
    },
  });
  const showForm = canAnswer && (!answered || editing);
  return (
    <Card size="small" data-testid="question-item" data-id={question.id} data-answered={answered}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap size="small">
          {answered ? <Tag color="green">{t('questions.answeredTag')}</Tag> : <Tag color="orange">{t('questions.openTag')}</Tag>}
          <Typography.Text type="secondary">{t('questions.askedAt', { time: formatTime(question.createdAt) })}</Typography.Text>
        </Space>
        <Typography.Paragraph strong style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {question.text}
        </Typography.Paragraph>
        {answered && !editing && (
          <div style={{ background: '#fafafa', padding: '8px 12px', borderRadius: 6 }} data-testid="question-answer">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{question.answer}</Typography.Paragraph>
            <Space wrap size="small">
              <Typography.Text type="secondary">{t('questions.answeredAt', { time: formatTime(question.answeredAt) })}</Typography.Text>
              {canAnswer && (
                <Button
                  type="link"
                  size="small"
                  data-testid="answer-edit"
                  onClick={() => {
                    form.setFieldsValue({ text: question.answer ?? '' });
                    setEditing(true);
                  }}
                >
                  {t('questions.editAnswer')}
                </Button>
              )}
            </Space>
          </div>
        )}
        {showForm && (
          <Form form={form} name={`answer-${question.id}`} layout="vertical" onFinish={(values: { text?: string }) => answer.mutate((values.text ?? '').trim())} initialValues={{ text: question.answer ?? '' }}>
            <Form.Item
              name="text"
              label={t('questions.answerLabel')}
              rules={[
                { required: true, whitespace: true, message: tc('field.required') },
                { max: 5000, message: tc('field.tooLong', { max: 5000 }) },
              ]}
              style={{ marginBottom: 8 }}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} placeholder={t('questions.answerPlaceholder')} data-testid="answer-input" />
            </Form.Item>
            {answer.isError && <ProblemAlert error={answer.error} style={{ marginBottom: 8 }} />}
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="answer-submit">
                {answered ? t('questions.updateAnswer') : t('questions.submitAnswer')}
              </Button>
              {editing && <Button onClick={() => setEditing(false)}>{tc('action.cancel')}</Button>}
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              {t('questions.publicNote')}
            </Typography.Paragraph>
          </Form>
        )}
      </Space>
    </Card>
  );
}
