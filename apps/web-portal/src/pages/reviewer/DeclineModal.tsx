/** Declining an assignment (data-testids: decline-reason, decline-detail, decline-confirm). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Radio, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, challengeApi, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { detailKey } from './assignmentKeys';

const DETAIL_MAX = 2_000;

interface DeclineValues {
  reason: 'conflict' | 'unavailable';
  detail?: string;
}

/** Declining is the confirmation itself: the reason, an optional detail, and what happens next. */
export function DeclineModal({ open, assignmentId, onClose, onDeclined }: { open: boolean; assignmentId: string; onClose: () => void; onDeclined: () => void }) {
  const { t } = useTranslation('reviewer');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DeclineValues>();
  const decline = useMutation({
    mutationFn: (values: DeclineValues) =>
      unwrap(
        challengeApi.POST('/api/v1/reviews/assignments/{id}/decline', {
          params: { path: { id: assignmentId } },
          body: { reason: values.reason, ...(values.detail?.trim() ? { detail: values.detail.trim() } : {}) },
        }),
      ),
    onSuccess: () => {
      onClose();
      onDeclined();
      void queryClient.invalidateQueries({ queryKey: detailKey(assignmentId) });
      void queryClient.invalidateQueries({ queryKey: ['reviewer', 'assignments'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: detailKey(assignmentId) });
    },
  });

  return (
    <Modal
      open={open}
      title={t('assignment.decline.title')}
      okText={t('assignment.decline.ok')}
      cancelText={t('common:action.cancel')}
      confirmLoading={decline.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'decline-confirm' } as ButtonProps}
      onOk={async () => {
        let values: DeclineValues;
        try {
          values = await form.validateFields();
        } catch {
          return;
        }
        decline.mutate(values);
      }}
      onCancel={() => {
        decline.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('assignment.decline.intro')}</Typography.Paragraph>
      <Alert type="warning" showIcon title={t('assignment.decline.replacement')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" initialValues={{ reason: 'conflict' }} name={`decline-${assignmentId}`}>
        <Form.Item name="reason" label={t('assignment.decline.reason')} rules={[{ required: true, message: t('assignment.decline.reasonRequired') }]}>
          <Radio.Group
            data-testid="decline-reason"
            aria-label={t('assignment.decline.reason')}
            options={[
              { value: 'conflict', label: t('assignment.decline.conflict') },
              { value: 'unavailable', label: t('assignment.decline.unavailable') },
            ]}
          />
        </Form.Item>
        <Form.Item name="detail" label={t('assignment.decline.detail')} rules={[{ max: DETAIL_MAX, message: t('common:field.tooLong', { max: DETAIL_MAX }) }]}>
          <Input.TextArea data-testid="decline-detail" rows={3} placeholder={t('assignment.decline.detailPlaceholder')} />
        </Form.Item>
      </Form>
      {decline.isError && <ProblemAlert error={decline.error} />}
    </Modal>
  );
}
