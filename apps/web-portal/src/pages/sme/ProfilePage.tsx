/**
 * Route: /sme/profile (role sme) — the SME's capability profile (GET/PUT /api/v1/enterprise-profile).
 * data-testids: profile-save (submit button), profile-form, profile-organization, patent-add, project-add.
 */
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, biddingApi, unwrap } from '../../api/client';
import type { Profile, PutProfile } from '../../api/types';
import { formatTime } from '../../components/Countdown';
import { applyFieldErrors } from '../../components/formErrors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { smeKeys } from './shared';
import { RemoveRowButton } from '../../components/RemoveRowButton';

const KNOWN_CERTIFICATIONS = ['specialized-sme', 'little-giant', 'high-tech', 'tech-sme'] as const;
/** GB/T 4754-2017: a section letter A–T, optionally a 2-, 3- or 4-digit code (C, C39, C391, C3911). */
const INDUSTRY_CODE = /^[A-T](\d{2}|\d{3}|\d{4})?$/;

interface ProfileValues {
  description?: string;
  capabilities?: string[];
  industries?: string[];
  certifications?: string[];
  employeeCount?: number | null;
  patents?: ({ title?: string; number?: string | null; year?: number | null } | undefined)[];
  pastProjects?: ({ title?: string; description?: string; year?: number | null; client?: string | null } | undefined)[];
}

const tidyTags = (tags: string[] | undefined) => [...new Set((tags ?? []).map((tag) => tag.trim()).filter(Boolean))];

function toValues(profile: Profile): ProfileValues {
  return {
    description: profile.description,
    capabilities: profile.capabilities,
    industries: profile.industries,
    certifications: profile.certifications,
    employeeCount: profile.employeeCount,
    patents: profile.patents.map((p) => ({ title: p.title, number: p.number ?? undefined, year: p.year ?? undefined })),
    pastProjects: profile.pastProjects.map((p) => ({ title: p.title, description: p.description, year: p.year, client: p.client ?? undefined })),
  };
}

/** Form values → PutProfileDto: lists tidied, empty optional fields left out (the DTO knows no nulls there). */
function toBody(values: ProfileValues): PutProfile {
  return {
    description: (values.description ?? '').trim(),
    capabilities: tidyTags(values.capabilities),
    industries: tidyTags(values.industries).map((code) => code.toUpperCase()),
    certifications: tidyTags(values.certifications),
    employeeCount: typeof values.employeeCount === 'number' ? values.employeeCount : null,
    patents: (values.patents ?? []).filter(Boolean).map((p) => ({
      title: (p!.title ?? '').trim(),
      ...(p!.number?.trim() ? { number: p!.number.trim() } : {}),
      ...(typeof p!.year === 'number' ? { year: p!.year } : {}),
    })),
    pastProjects: (values.pastProjects ?? []).filter(Boolean).map((p) => ({
      title: (p!.title ?? '').trim(),
      description: (p!.description ?? '').trim(),
      year: Number(p!.year),
      ...(p!.client?.trim() ? { client: p!.client.trim() } : {}),
    })),
  };
}

export default function ProfilePage() {
  const { t } = useTranslation('sme');
  const profile = useQuery({
    queryKey: smeKeys.profile,
    queryFn: () => unwrap(biddingApi.GET('/api/v1/enterprise-profile')),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('profile.title')}
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title={t('profile.whyTitle')}
        description={
          <span>
            {t('profile.why')} <Link to="/sme/recommendations">{t('profile.seeRecommendations')}</Link>
          </span>
        }
      />
      <QueryState query={profile} isEmpty={() => false}>
        {(data) => <ProfileForm key={data.updatedAt ?? 'new'} profile={data} />}
      </QueryState>
    </Space>
  );
}

function ProfileForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation('sme');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProfileValues>();
  const [unplaced, setUnplaced] = useState<unknown>(null);

  const save = useMutation({
    mutationFn: (body: PutProfile) => unwrap(biddingApi.PUT('/api/v1/enterprise-profile', { body })),
    onSuccess: (saved) => {
      setUnplaced(null);
      queryClient.setQueryData(smeKeys.profile, saved);
      // The worker re-ranks the profile against open challenges; refresh the list when next shown.
      void queryClient.invalidateQueries({ queryKey: smeKeys.recommendations });
      void message.success(t('profile.saved'));
    },
    onError: (error) => {
      const rest = applyFieldErrors(form, error);
      const placedAll = error instanceof ApiError && error.fieldErrors.length > 0 && rest.length === 0;
      setUnplaced(placedAll ? null : error);
      if (placedAll) void message.error(t('profile.fixFields'));
    },
  });

  const certificationOptions = KNOWN_CERTIFICATIONS.map((value) => ({ value, label: t(`common:certification.${value}`) }));

  return (
    <Form<ProfileValues>
      form={form}
      layout="vertical"
      initialValues={toValues(profile)}
      onFinish={(values) => save.mutate(toBody(values))}
      scrollToFirstError
      data-testid="profile-form"
    >
      <Card title={t('profile.organization')} size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, md: 3 }}
          size="small"
          data-testid="profile-organization"
          items={[
            { key: 'name', label: t('profile.name'), children: profile.name },
            { key: 'region', label: t('profile.region'), children: profile.region ?? '—' },
            { key: 'size', label: t('profile.size'), children: profile.size ? t(`common:size.${profile.size}`) : '—' },
          ]}
        />
        <Typography.Text type="secondary">{t('profile.organizationNote')}</Typography.Text>
        {profile.updatedAt && (
          <div>
            <Typography.Text type="secondary">{t('profile.updatedAt', { time: formatTime(profile.updatedAt) })}</Typography.Text>
          </div>
        )}
      </Card>

      <Card title={t('profile.capabilitiesSection')} size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="description" label={t('profile.description')} extra={t('profile.descriptionHelp')} rules={[{ max: 20000, message: t('common:field.tooLong', { max: 20000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} />
        </Form.Item>
        <Form.Item
          name="capabilities"
          label={t('profile.capabilities')}
          extra={t('profile.capabilitiesHelp')}
          rules={[{ type: 'array', max: 100, message: t('profile.tooMany', { max: 100 }) }]}
        >
          <Select mode="tags" tokenSeparators={[',', '，', ';', '；']} placeholder={t('profile.capabilitiesPlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="industries"
              label={t('profile.industries')}
              extra={t('profile.industriesHelp')}
              normalize={(value: string[] | undefined) => value?.map((code) => code.trim().toUpperCase())}
              rules={[
                {
                  validator: async (_rule, value: string[] | undefined) => {
                    const bad = (value ?? []).filter((code) => !INDUSTRY_CODE.test(code));
                    if (bad.length > 0) throw new Error(t('profile.industryInvalid', { codes: bad.join(', ') }));
                    if ((value ?? []).length > 20) throw new Error(t('profile.tooMany', { max: 20 }));
                  },
                },
              ]}
            >
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="C38, C3911" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="certifications" label={t('profile.certifications')} extra={t('profile.certificationsHelp')}>
              <Select mode="tags" options={certificationOptions} tokenSeparators={[',', '，']} placeholder={t('profile.certificationsPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="employeeCount" label={t('profile.employeeCount')}>
              <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} suffix={t('profile.people')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('profile.patents')} size="small" style={{ marginBottom: 16 }}>
        <Form.List name="patents">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 && <Typography.Paragraph type="secondary">{t('profile.noPatents')}</Typography.Paragraph>}
              {fields.map(({ key, name }, index) => (
                <Row key={key} gutter={8} align="top" data-testid="patent-row">
                  <Col xs={24} md={12}>
                    <Form.Item name={[name, 'title']} rules={[{ required: true, whitespace: true, message: t('profile.patentTitleRequired') }, { max: 300, message: t('common:field.tooLong', { max: 300 }) }]}>
                      <Input placeholder={t('profile.patentTitle')} aria-label={t('profile.patentTitleN', { n: index + 1 })} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[name, 'number']} rules={[{ max: 50, message: t('common:field.tooLong', { max: 50 }) }]}>
                      <Input placeholder={t('profile.patentNumber')} aria-label={t('profile.patentNumberN', { n: index + 1 })} />
                    </Form.Item>
                  </Col>
                  <Col xs={9} md={4}>
                    <Form.Item name={[name, 'year']}>
                      <InputNumber min={1900} max={2100} precision={0} placeholder={t('profile.year')} aria-label={t('profile.patentYearN', { n: index + 1 })} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={3} md={2}>
                    <RemoveRowButton onRemove={() => remove(name)} label={t('profile.removePatentN', { n: index + 1 })} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="patent-add">
                {t('profile.addPatent')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card title={t('profile.projects')} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('profile.projectsHelp')}</Typography.Paragraph>
        <Form.List name="pastProjects">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }, index) => (
                <Card
                  key={key}
                  size="small"
                  type="inner"
                  title={t('profile.projectN', { n: index + 1 })}
                  extra={<RemoveRowButton onRemove={() => remove(name)} label={t('profile.removeProjectN', { n: index + 1 })} />}
                  style={{ marginBottom: 12 }}
                  data-testid="project-row"
                >
                  <Row gutter={8}>
                    <Col xs={24} md={12}>
                      <Form.Item name={[name, 'title']} rules={[{ required: true, whitespace: true, message: t('profile.projectTitleRequired') }, { max: 300, message: t('common:field.tooLong', { max: 300 }) }]}>
                        <Input placeholder={t('profile.projectTitle')} aria-label={t('profile.projectTitleN', { n: index + 1 })} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[name, 'year']} rules={[{ required: true, message: t('profile.projectYearRequired') }]}>
                        <InputNumber min={1900} max={2100} precision={0} placeholder={t('profile.year')} aria-label={t('profile.projectYearN', { n: index + 1 })} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[name, 'client']} rules={[{ max: 200, message: t('common:field.tooLong', { max: 200 }) }]}>
                        <Input placeholder={t('profile.projectClient')} aria-label={t('profile.projectClientN', { n: index + 1 })} />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[name, 'description']} rules={[{ max: 10000, message: t('common:field.tooLong', { max: 10000 }) }]} style={{ marginBottom: 0 }}>
                        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('profile.projectDescription')} aria-label={t('profile.projectDescriptionN', { n: index + 1 })} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="project-add">
                {t('profile.addProject')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      {unplaced !== null && <ProblemAlert error={unplaced} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-save" block={false}>
        {t('profile.save')}
      </Button>
    </Form>
  );
}
