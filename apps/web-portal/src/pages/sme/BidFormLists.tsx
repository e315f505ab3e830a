/**
 * The milestone and team lists of the bid form (data-testids: milestone-row, milestone-add, milestone-remove-<n>,
 * payments-total (data-total), team-row, team-add, team-remove-<n>).
 */
import CheckCircleFilled from '@ant-design/icons/CheckCircleFilled';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { Button, Card, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { dueDayProblem, paymentsProblem } from '../../rules/form-rules';
import { ruleOf } from '../../rules/validator';
import { type BidFormValues, filledMilestones, isBlankMember, isBlankMilestone } from './bidDraft';
import { RemoveRowButton } from '../../components/RemoveRowButton';

/** A rule for a field of a list row: required unless the whole row is blank (blank rows are left out). */
function useRequiredInRow() {
  const { t } = useTranslation('sme');
  const form = Form.useFormInstance<BidFormValues>();
  return (list: 'milestones' | 'team', name: number, messageKey: string) => ({
    validator: async (_rule: unknown, value: unknown) => {
      const row = form.getFieldValue([list, name]) as Record<string, unknown> | undefined;
      const blankRow = list === 'milestones' ? isBlankMilestone(row) : isBlankMember(row);
      if (!blankRow && (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))) throw new Error(t(messageKey));
    },
  });
}

/** The milestones with their payment shares; `total` is the live sum of the shares, which must be 100. */
export function MilestonesCard({ total }: { total: number }) {
  const { t } = useTranslation('sme');
  const requiredInRow = useRequiredInRow();
  return (
    <Card title={t('form.milestones')} size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('form.milestonesHelp')}</Typography.Paragraph>
      <Form.List name="milestones" rules={[ruleOf(t, (list: BidFormValues['milestones']) => paymentsProblem(filledMilestones(list)))]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map(({ key, name }, index) => (
              <Row key={key} gutter={8} align="top" data-testid="milestone-row">
                <Col xs={24} sm={11}>
                  <Form.Item name={[name, 'title']} rules={[requiredInRow('milestones', name, 'form.milestoneTitleRequired'), { max: 200, message: t('common:field.tooLong', { max: 200 }) }]}>
                    <Input placeholder={t('form.milestoneTitle')} aria-label={t('form.milestoneTitleN', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={10} sm={6}>
                  <Form.Item
                    name={[name, 'dueDay']}
                    dependencies={['durationDays']}
                    rules={[
                      requiredInRow('milestones', name, 'form.milestoneDueRequired'),
                      ({ getFieldValue }) => ruleOf(t, (value: number | null | undefined) => dueDayProblem(value, getFieldValue('durationDays') as number | null)),
                    ]}
                  >
                    <InputNumber
                      min={1}
                      max={3650}
                      precision={0}
                      style={{ width: '100%' }}
                      placeholder={t('form.milestoneDue')}
                      prefix={t('form.dayPrefix')}
                      suffix={t('form.daySuffix')}
                      aria-label={t('form.milestoneDueN', { n: index + 1 })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={10} sm={5}>
                  <Form.Item name={[name, 'paymentPercent']} rules={[requiredInRow('milestones', name, 'form.milestonePaymentRequired')]}>
                    <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} placeholder={t('form.milestonePayment')} suffix="%" aria-label={t('form.milestonePaymentN', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2}>
                  <RemoveRowButton onRemove={() => remove(name)} label={t('form.removeMilestoneN', { n: index + 1 })} testId={`milestone-remove-${index}`} />
                </Col>
              </Row>
            ))}
            <div data-testid="payments-total" data-total={total} aria-live="polite" style={{ marginBottom: 8 }}>
              <Typography.Text strong type={total === 100 ? 'success' : 'danger'}>
                {t('form.paymentsTotal', { total })}
              </Typography.Text>{' '}
              {total === 100 ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <Typography.Text type="secondary">{t('form.paymentsTarget')}</Typography.Text>}
            </div>
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="milestone-add" style={{ marginTop: 8 }}>
              {t('form.addMilestone')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

/** The team: a name and a role per member (optional; a blank row is left out). */
export function TeamCard() {
  const { t } = useTranslation('sme');
  const requiredInRow = useRequiredInRow();
  return (
    <Card title={t('form.team')} size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('form.teamHelp')}</Typography.Paragraph>
      <Form.List name="team">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map(({ key, name }, index) => (
              <Row key={key} gutter={8} align="top" data-testid="team-row">
                <Col xs={10} sm={11}>
                  <Form.Item name={[name, 'name']} rules={[requiredInRow('team', name, 'form.memberNameRequired'), { max: 100, message: t('common:field.tooLong', { max: 100 }) }]}>
                    <Input placeholder={t('form.memberName')} aria-label={t('form.memberNameN', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={10} sm={11}>
                  <Form.Item name={[name, 'role']} rules={[requiredInRow('team', name, 'form.memberRoleRequired'), { max: 100, message: t('common:field.tooLong', { max: 100 }) }]}>
                    <Input placeholder={t('form.memberRole')} aria-label={t('form.memberRoleN', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2}>
                  <RemoveRowButton onRemove={() => remove(name)} label={t('form.removeMemberN', { n: index + 1 })} testId={`team-remove-${index}`} />
                </Col>
              </Row>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="team-add">
              {t('form.addMember')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
