/** The repeated rows of the challenge form: the KPI list and the scorecard's criteria (with the live weights total). */
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { Button, Card, Col, Form, Grid, Input, InputNumber, Row, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { weightsProblem } from '../../rules/form-rules';
import { ruleOf } from '../../rules/validator';
import { type ChallengeFormValues, CRITERION_KEY, type CriterionValues, nextCriterionKey } from './challengeForm';
import { useRequiredRule } from './ChallengeFormSections';
import { RemoveRowButton } from '../../components/RemoveRowButton';

const MAX_KPIS = 30;
const MAX_CRITERIA = 10;

/** On a phone the rows of the KPI and criterion lists stack, so each field carries its own small label. */
function useRowLayout() {
  const screens = Grid.useBreakpoint();
  const wide = !!screens.sm;
  const mobileLabel = (text: string) => (wide ? undefined : text);
  const columnLabel = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
  return { wide, mobileLabel, columnLabel };
}

export function KpiCard() {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const required = useRequiredRule();
  const { wide, mobileLabel, columnLabel } = useRowLayout();
  return (
    <Card title={t('form.sectionKpis')} extra={<Typography.Text type="secondary">{t('form.kpisHelp')}</Typography.Text>}>
      <Form.List name="kpis">
        {(fields, { add, remove }) => (
          <>
            {wide && fields.length > 0 && (
              <Row gutter={8} style={{ marginBottom: 4 }}>
                <Col sm={8}>{columnLabel(t('form.kpiName'))}</Col>
                <Col sm={6}>{columnLabel(t('form.kpiTarget'))}</Col>
                <Col sm={4}>{columnLabel(t('form.kpiUnit'))}</Col>
                <Col sm={4}>{columnLabel(t('form.kpiMandatory'))}</Col>
              </Row>
            )}
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="top" data-testid="kpi-row" style={wide ? undefined : { borderBottom: '1px dashed #f0f0f0', marginBottom: 12 }}>
                <Col xs={24} sm={8}>
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} label={mobileLabel(t('form.kpiName'))} rules={[required, { max: 200, message: tc('field.tooLong', { max: 200 }) }]}>
                    <Input placeholder={t('form.kpiNamePlaceholder')} aria-label={t('form.kpiNameAria', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={6}>
                  <Form.Item name={[field.name, 'target']} label={mobileLabel(t('form.kpiTarget'))} rules={[required, { max: 200, message: tc('field.tooLong', { max: 200 }) }]}>
                    <Input placeholder={t('form.kpiTargetPlaceholder')} aria-label={t('form.kpiTargetAria', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={10} sm={4}>
                  <Form.Item name={[field.name, 'unit']} label={mobileLabel(t('form.kpiUnit'))} rules={[{ max: 50, message: tc('field.tooLong', { max: 50 }) }]}>
                    <Input placeholder={t('form.kpiUnitPlaceholder')} aria-label={t('form.kpiUnitAria', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={10} sm={4}>
                  <Form.Item name={[field.name, 'mandatory']} label={mobileLabel(t('form.kpiMandatory'))} valuePropName="checked">
                    <Switch checkedChildren={t('form.mandatory')} unCheckedChildren={t('form.optional')} aria-label={t('form.kpiMandatoryAria', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2} style={wide ? undefined : { paddingTop: 30 }}>
                  <RemoveRowButton onRemove={() => remove(field.name)} label={t('form.kpiRemoveAria', { n: index + 1 })} testId="kpi-remove" />
                </Col>
              </Row>
            ))}
            {fields.length === 0 && (
              <Typography.Paragraph type="secondary">{t('form.kpisEmpty')}</Typography.Paragraph>
            )}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ mandatory: true })} disabled={fields.length >= MAX_KPIS} data-testid="kpi-add">
              {t('form.kpiAdd')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

/** The criteria; `total` is the live sum of their weights and `weightsOk` whether it satisfies the weights rule. */
export function ScorecardCard({ total, weightsOk }: { total: number; weightsOk: boolean }) {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const form = Form.useFormInstance<ChallengeFormValues>();
  const required = useRequiredRule();
  const { wide, mobileLabel, columnLabel } = useRowLayout();
  return (
    <Card
      title={t('form.sectionScorecard')}
      extra={
        <Typography.Text strong type={weightsOk ? 'success' : 'danger'} data-testid="challenge-weights-total" data-total={total} aria-live="polite">
          {t('form.weightsTotal', { total })}
        </Typography.Text>
      }
    >
      <Typography.Paragraph type="secondary">{t('form.scorecardHelp')}</Typography.Paragraph>
      <Form.List name={['scorecard', 'criteria']} rules={[ruleOf(tc, weightsProblem)]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {wide && fields.length > 0 && (
              <Row gutter={8} style={{ marginBottom: 4 }}>
                <Col sm={6}>{columnLabel(t('form.criterionKey'))}</Col>
                <Col sm={8}>{columnLabel(t('form.criterionName'))}</Col>
                <Col sm={4}>{columnLabel(t('form.criterionWeight'))}</Col>
                <Col sm={4}>{columnLabel(t('form.criterionMaxScore'))}</Col>
              </Row>
            )}
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="top" data-testid="criterion-row" style={wide ? undefined : { borderBottom: '1px dashed #f0f0f0', marginBottom: 12 }}>
                <Col xs={24} sm={6}>
                  <Form.Item
                    name={[field.name, 'key']}
                    label={mobileLabel(t('form.criterionKey'))}
                    rules={[
                      { required: true, message: tc('field.required') },
                      { pattern: CRITERION_KEY, message: t('form.criterionKeyInvalid') },
                      {
                        validator: async (_rule, value: string | undefined) => {
                          const all = (form.getFieldValue(['scorecard', 'criteria']) ?? []) as (CriterionValues | undefined)[];
                          if (value && all.filter((c) => c?.key === value).length > 1) throw new Error(t('form.criterionKeyDuplicate'));
                        },
                      },
                    ]}
                  >
                    <Input placeholder={t('form.criterionKeyPlaceholder')} aria-label={t('form.criterionKeyAria', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={[field.name, 'name']} label={mobileLabel(t('form.criterionName'))} rules={[required, { max: 100, message: tc('field.tooLong', { max: 100 }) }]}>
                    <Input placeholder={t('form.criterionNamePlaceholder')} aria-label={t('form.criterionNameAria', { n: index + 1 })} />
                  </Form.Item>
                </Col>
                <Col xs={10} sm={4}>
                  <Form.Item name={[field.name, 'weight']} label={mobileLabel(t('form.criterionWeight'))} rules={[{ required: true, message: tc('field.required') }]}>
                    <InputNumber<number>
                      min={1}
                      max={100}
                      precision={0}
                      style={{ width: '100%' }}
                      placeholder={t('form.criterionWeight')}
                      aria-label={t('form.criterionWeightAria', { n: index + 1 })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={10} sm={4}>
                  <Form.Item name={[field.name, 'maxScore']} label={mobileLabel(t('form.criterionMaxScore'))} rules={[{ required: true, message: tc('field.required') }]}>
                    <InputNumber<number>
                      min={1}
                      max={100}
                      precision={0}
                      style={{ width: '100%' }}
                      placeholder={t('form.criterionMaxScore')}
                      aria-label={t('form.criterionMaxScoreAria', { n: index + 1 })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2} style={wide ? undefined : { paddingTop: 30 }}>
                  <RemoveRowButton onRemove={() => remove(field.name)} label={t('form.criterionRemoveAria', { n: index + 1 })} testId="criterion-remove" />
                </Col>
              </Row>
            ))}
            <Form.Item style={{ marginBottom: 0 }}>
              <Form.ErrorList errors={errors} />
            </Form.Item>
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              style={{ marginTop: 8 }}
              disabled={fields.length >= MAX_CRITERIA}
              onClick={() => add({ key: nextCriterionKey(form.getFieldValue(['scorecard', 'criteria']) as CriterionValues[] | undefined), maxScore: 10 })}
              data-testid="criterion-add"
            >
              {t('form.criterionAdd')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
