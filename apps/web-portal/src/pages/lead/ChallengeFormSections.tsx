/** The plain sections of the challenge form: basics, reward and eligibility, and the process settings. */
import { formatYuan } from '../../components/format';
import { Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { timeZone } from '../../components/Countdown';
import { shortlistProblem } from '../../rules/form-rules';
import { ruleOf } from '../../rules/validator';
import { type ChallengeFormValues, INDUSTRY_CODE, KNOWN_CERTIFICATIONS, REGION_PREFIX, SIZES } from './challengeForm';


/** A required text field (blank is empty). */
export function useRequiredRule() {
  const { t: tc } = useTranslation();
  return { required: true, whitespace: true, message: tc('field.required') };
}

export function BasicsCard() {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const required = useRequiredRule();
  return (
    <Card title={t('form.sectionBasics')}>
      <Form.Item name="title" label={t('form.title')} rules={[required, { max: 200, message: tc('field.tooLong', { max: 200 }) }]}>
        <Input maxLength={200} showCount placeholder={t('form.titlePlaceholder')} />
      </Form.Item>
      <Form.Item name="description" label={t('form.description')} rules={[required, { max: 20000, message: tc('field.tooLong', { max: 20000 }) }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} placeholder={t('form.descriptionPlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="industry"
            label={t('form.industry')}
            extra={t('form.industryHelp')}
            normalize={(value: string | undefined) => value?.toUpperCase().trim()}
            rules={[{ pattern: INDUSTRY_CODE, message: t('form.industryInvalid') }]}
          >
            <Input placeholder="C38" maxLength={5} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="tags"
            label={t('form.tags')}
            extra={t('form.tagsHelp')}
            rules={[
              {
                validator: async (_rule, value: string[] | undefined) => {
                  if ((value ?? []).length > 20) throw new Error(t('form.tagsTooMany', { max: 20 }));
                  if ((value ?? []).some((tag) => tag.length > 50)) throw new Error(t('form.tagTooLong', { max: 50 }));
                },
              },
            ]}
          >
            <Select mode="tags" tokenSeparators={[',', '，', ';', '；']} placeholder={t('form.tagsPlaceholder')} notFoundContent={null} suffixIcon={null} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

export function RewardEligibilityCard() {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const form = Form.useFormInstance<ChallengeFormValues>();
  const rewardYuan = Form.useWatch('rewardYuan', form) as number | null | undefined;
  return (
    <Card title={t('form.sectionRewardEligibility')}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="rewardYuan"
            label={t('form.reward')}
            extra={typeof rewardYuan === 'number' ? formatYuan(rewardYuan) : t('form.rewardHelp')}
            rules={[{ required: true, message: tc('field.required') }, { type: 'integer', min: 0, message: t('form.rewardInvalid') }]}
          >
            <InputNumber<number> min={0} max={1_000_000_000_000} precision={0} step={10000} suffix={t('form.yuan')} style={{ width: '100%' }} placeholder="2000000" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name={['eligibility', 'regions']}
            label={t('form.regions')}
            extra={t('form.regionsHelp')}
            rules={[
              {
                validator: async (_rule, value: string[] | undefined) => {
                  const bad = (value ?? []).filter((r) => !REGION_PREFIX.test(r.trim()));
                  if (bad.length > 0) throw new Error(t('form.regionsInvalid', { codes: bad.join(', ') }));
                },
              },
            ]}
          >
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder={t('form.regionsPlaceholder')} notFoundContent={null} suffixIcon={null} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['eligibility', 'sizes']} label={t('form.sizes')} extra={t('form.sizesHelp')}>
            <Select mode="multiple" allowClear placeholder={t('form.sizesPlaceholder')} options={SIZES.map((s) => ({ value: s, label: tc(`size.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['eligibility', 'certifications']} label={t('form.certifications')} extra={t('form.certificationsHelp')}>
            <Select
              mode="tags"
              allowClear
              placeholder={t('form.certificationsPlaceholder')}
              options={KNOWN_CERTIFICATIONS.map((c) => ({ value: c, label: tc(`certification.${c}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

export function ProcessCard() {
  const { t } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const form = Form.useFormInstance<ChallengeFormValues>();
  return (
    <Card title={t('form.sectionProcess')}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="bidDeadline"
            label={t('form.deadline')}
            extra={tc('timeZone', { tz: timeZone() })}
            rules={[
              { required: true, message: tc('field.required') },
              {
                validator: async (_rule, value: dayjs.Dayjs | null | undefined) => {
                  if (value && !value.isAfter(dayjs())) throw new Error(t('form.deadlineFuture'));
                },
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm:ss' }}
              format="YYYY-MM-DD HH:mm:ss"
              style={{ width: '100%' }}
              placeholder={t('form.deadlinePlaceholder')}
              disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
              presets={[
                { label: t('form.presetWeek'), value: dayjs().add(7, 'day').hour(17).minute(0).second(0).millisecond(0) },
                { label: t('form.presetTwoWeeks'), value: dayjs().add(14, 'day').hour(17).minute(0).second(0).millisecond(0) },
                { label: t('form.presetMonth'), value: dayjs().add(1, 'month').hour(17).minute(0).second(0).millisecond(0) },
                { label: t('form.presetQuarter'), value: dayjs().add(3, 'month').hour(17).minute(0).second(0).millisecond(0) },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="maxWinners" label={t('form.maxWinners')} extra={t('form.maxWinnersHelp')} rules={[{ required: true, message: tc('field.required') }]}>
            <InputNumber<number> min={1} max={5} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="shortlistSize"
            label={t('form.shortlistSize')}
            extra={t('form.shortlistSizeHelp')}
            dependencies={['maxWinners']}
            rules={[
              { required: true, message: tc('field.required') },
              ruleOf(tc, (value: number | null | undefined) => shortlistProblem(value, form.getFieldValue('maxWinners') as number | null | undefined)),
            ]}
          >
            <InputNumber<number> min={1} max={20} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="passingScore" label={t('form.passingScore')} extra={t('form.passingScoreHelp')} rules={[{ required: true, message: tc('field.required') }]}>
            <InputNumber<number> min={0} max={100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name={['review', 'reviewersPerBid']}
            label={t('form.reviewersPerBid')}
            extra={t('form.reviewersPerBidHelp')}
            rules={[{ required: true, message: tc('field.required') }]}
          >
            <InputNumber<number> min={1} max={7} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['review', 'blind']} label={t('form.blind')} extra={t('form.blindHelp')} valuePropName="checked">
            <Switch checkedChildren={t('form.on')} unCheckedChildren={t('form.off')} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
