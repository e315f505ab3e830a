/**
 * The scorecard of an assignment (data-testids: review-card, review-draft-loaded, review-form, score-<criterionKey>,
 * review-total, review-total-value, review-comment, review-private-note, review-problem, review-save, review-submit,
 * review-submit-confirm, review-decline).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Progress, Typography, type ButtonProps } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, challengeApi, unwrap } from '../../api/client';
import type { AssignmentDetail, Problem } from '../../api/types';
import { applyFieldErrors } from '../../components/formErrors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { scoreProblem } from '../../rules/form-rules';
import { ruleOf } from '../../rules/validator';
import { detailKey } from './assignmentKeys';
import { DeclineModal } from './DeclineModal';
import { type Criterion, formatTotal, weightedTotal } from './scoring';

interface ReviewValues {
  scores?: Record<string, number | null | undefined>;
  comment?: string;
  privateNote?: string;
}

interface WriteBody {
  scores: Record<string, number>;
  comment: string;
  privateNote?: string;
  submit: boolean;
}

const TEXT_MAX = 10_000;

/** The scorecard: one score per criterion (0..maxScore, all required only to submit), live weighted total, comments. */
export function Scorecard({ detail, criteria, readOnly, messageApi }: { detail: AssignmentDetail; criteria: Criterion[]; readOnly: boolean; messageApi: MessageInstance }) {
  const { t } = useTranslation('reviewer');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReviewValues>();
  /** Whether the scores are checked for a submit (every criterion required) or for a draft (blanks allowed). */
  const [requireAll, setRequireAll] = useState(false);
  const [pendingSubmit, setPendingSubmit] = useState<WriteBody | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [declineOpen, setDeclineOpen] = useState(false);

  const scores = Form.useWatch('scores', form) as ReviewValues['scores'];
  const live = weightedTotal(criteria, scores ?? detail.review?.scores);

  const write = useMutation({
    mutationFn: (body: WriteBody) =>
      unwrap(challengeApi.PUT('/api/v1/reviews/assignments/{id}/review', { params: { path: { id: detail.id } }, body })),
    onSuccess: (review, body) => {
      setPendingSubmit(null);
      setProblem(null);
      queryClient.setQueryData<AssignmentDetail>(detailKey(detail.id), (old) => (old ? { ...old, review, status: body.submit ? 'submitted' : old.status } : old));
      void queryClient.invalidateQueries({ queryKey: ['reviewer', 'assignments'] });
      if (body.submit) void queryClient.invalidateQueries({ queryKey: detailKey(detail.id) });
      void messageApi.success(body.submit ? t('assignment.form.submitted') : t('assignment.form.saved'));
    },
    onError: (error) => {
      setPendingSubmit(null);
      const rest = applyFieldErrors(form, error);
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        // The field errors now stand beside their fields; the alert keeps the detail and any the form has no field for.
        setProblem(
          new ApiError(error.status, { code: error.code as Problem['code'], detail: error.detail, errors: rest, traceId: error.traceId ?? undefined }, error.detail),
        );
      } else {
        setProblem(error);
      }
      // Submitted or declined meanwhile (another tab), or the challenge left review: show the current state.
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        void messageApi.info(t('assignment.stateChanged'));
        void queryClient.invalidateQueries({ queryKey: detailKey(detail.id) });
        void queryClient.invalidateQueries({ queryKey: ['reviewer', 'assignments'] });
      }
    },
  });

  const bodyOf = (values: ReviewValues, submit: boolean): WriteBody => {
    const chosen: Record<string, number> = {};
    for (const c of criteria) {
      const value = values.scores?.[c.key];
      if (typeof value === 'number' && !Number.isNaN(value)) chosen[c.key] = value;
    }
    const note = values.privateNote ?? '';
    return { scores: chosen, comment: values.comment ?? '', ...(note.trim() !== '' ? { privateNote: note } : {}), submit };
  };

  const attempt = async (submit: boolean) => {
    // Render the score rules for this mode before validating: validateFields runs the rules the fields hold now
    // (and the fields keep them for their live re-checks until the next attempt).
    flushSync(() => setRequireAll(submit));
    setProblem(null);
    let values: ReviewValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the messages stand beside the fields; nothing is sent
    }
    const body = bodyOf(values, submit);
    if (submit) setPendingSubmit(body);
    else write.mutate(body);
  };

  const initialValues: ReviewValues = {
    scores: { ...(detail.review?.scores ?? {}) },
    comment: detail.review?.comment ?? '',
    privateNote: detail.review?.privateNote ?? '',
  };

  return (
    <Card title={t('assignment.form.title')} data-testid="review-card">
      <Typography.Paragraph type="secondary">{t('assignment.form.intro')}</Typography.Paragraph>
      {!readOnly && detail.review?.status === 'draft' && (
        <Typography.Paragraph type="secondary" data-testid="review-draft-loaded">
          {t('assignment.form.draftLoaded')}
        </Typography.Paragraph>
      )}
      {criteria.length === 0 ? (
        <Empty />
      ) : (
        <Form form={form} layout="vertical" initialValues={initialValues} disabled={readOnly} data-testid="review-form" name={`review-${detail.id}`}>
          {criteria.map((c) => (
            <Form.Item
              key={c.key}
              name={['scores', c.key]}
              label={t('assignment.form.criterion', { name: c.name, weight: c.weight, maxScore: c.maxScore })}
              rules={[ruleOf<number | null | undefined>(t, (value) => scoreProblem(value, c.maxScore, requireAll))]}
            >
              <InputNumber data-testid={`score-${c.key}`} style={{ width: '100%' }} step={1} inputMode="decimal" placeholder={`0–${c.maxScore}`} />
            </Form.Item>
          ))}
          <div data-testid="review-total" role="status" aria-live="polite" style={{ marginBottom: 16 }}>
            <Flex justify="space-between" align="baseline" wrap gap={8}>
              <Typography.Text strong>{t('assignment.form.total')}</Typography.Text>
              <Typography.Text strong style={{ fontSize: 24 }} data-testid="review-total-value" data-total={live.total}>
                {t('assignment.form.totalValue', { total: formatTotal(live.total) })}
              </Typography.Text>
            </Flex>
            <Progress percent={Math.min(100, live.total)} showInfo={false} aria-label={t('assignment.form.total')} />
            <Typography.Text type="secondary">{t('assignment.form.scored', { scored: live.scored, count: criteria.length })}</Typography.Text>
            {live.ignored > 0 && (
              <div>
                <Typography.Text type="warning">{t('assignment.form.ignored', { count: live.ignored })}</Typography.Text>
              </div>
            )}
          </div>
          <Form.Item
            name="comment"
            label={t('assignment.form.comment')}
            extra={t('assignment.form.commentHelp')}
            rules={[{ max: TEXT_MAX, message: t('common:field.tooLong', { max: TEXT_MAX }) }]}
          >
            <Input.TextArea data-testid="review-comment" rows={5} placeholder={t('assignment.form.commentPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="privateNote"
            label={t('assignment.form.privateNote')}
            extra={t('assignment.form.privateNoteHelp')}
            rules={[{ max: TEXT_MAX, message: t('common:field.tooLong', { max: TEXT_MAX }) }]}
          >
            <Input.TextArea data-testid="review-private-note" rows={3} />
          </Form.Item>
          {problem !== null && (
            <div data-testid="review-problem" style={{ marginBottom: 16 }}>
              <ProblemAlert error={problem} />
            </div>
          )}
          {!readOnly && (
            <Flex gap={8} wrap>
              <Button onClick={() => void attempt(false)} loading={write.isPending && !write.variables?.submit} disabled={write.isPending} data-testid="review-save">
                {t('assignment.form.save')}
              </Button>
              <Button type="primary" onClick={() => void attempt(true)} disabled={write.isPending} data-testid="review-submit">
                {t('assignment.form.submit')}
              </Button>
              <Button danger onClick={() => setDeclineOpen(true)} disabled={write.isPending} data-testid="review-decline">
                {t('assignment.form.decline')}
              </Button>
            </Flex>
          )}
        </Form>
      )}
      {!readOnly && criteria.length === 0 && (
        <Button danger onClick={() => setDeclineOpen(true)} data-testid="review-decline">
          {t('assignment.form.decline')}
        </Button>
      )}
      <Modal
        open={pendingSubmit !== null}
        title={t('assignment.submitConfirm.title')}
        okText={t('assignment.submitConfirm.ok')}
        cancelText={t('common:action.cancel')}
        confirmLoading={write.isPending}
        okButtonProps={{ 'data-testid': 'review-submit-confirm' } as ButtonProps}
        onOk={() => {
          if (pendingSubmit) write.mutate(pendingSubmit);
        }}
        onCancel={() => setPendingSubmit(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('assignment.submitConfirm.body')}</Typography.Paragraph>
        <Typography.Paragraph strong>{t('assignment.submitConfirm.total', { total: formatTotal(live.total) })}</Typography.Paragraph>
      </Modal>
      <DeclineModal open={declineOpen} assignmentId={detail.id} onClose={() => setDeclineOpen(false)} onDeclined={() => void messageApi.info(t('assignment.decline.done'))} />
    </Card>
  );
}
