/*
 * Routes: /lead/challenges/new and /lead/challenges/:id/edit (lead; drafts only).
 * data-testids: challenge-form (the form), challenge-form-save, challenge-form-publish, challenge-form-back,
 *   kpi-add, kpi-row, kpi-remove, criterion-add, criterion-row, criterion-remove, challenge-weights-total (data-total),
 *   version-conflict, reload-challenge, challenge-not-draft.
 */
import { newIdempotencyKey } from '../../api/idempotency';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Result, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { Challenge } from '../../api/types';
import { formatTime } from '../../components/Countdown';
import { applyFieldErrors } from '../../components/formErrors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { ChallengeStatusTag } from '../../components/StatusTag';
import { weightsProblem } from '../../rules/form-rules';
import { challengeToValues, type ChallengeFormValues, type CriterionValues, newChallengeValues, valuesToCreate, valuesToUpdate } from './challengeForm';
import { KpiCard, ScorecardCard } from './ChallengeFormLists';
import { BasicsCard, ProcessCard, RewardEligibilityCard } from './ChallengeFormSections';
import { isApiError, leadKeys, useLeadChallenge, withUnplaced } from './shared';

/**
 * The page keeps one form session per visit of /new: after the first save the URL becomes the draft's edit URL and
 * the same form (and Idempotency-Key) stays on screen; any other draft is loaded and edited by its own session.
 */
export default function ChallengeFormPage() {
  const { id } = useParams();
  const location = useLocation();
  const [session, setSession] = useState(() => ({ key: newIdempotencyKey(), createdId: null as string | null, startedAt: location.key }));
  const [reloads, setReloads] = useState(0);
  // A new visit of /new after creating one: a fresh session (a new form and a new Idempotency-Key).
  if (!id && session.createdId !== null && location.key !== session.startedAt) {
    setSession({ key: newIdempotencyKey(), createdId: null, startedAt: location.key });
  }
  const ownSession = !id || id === session.createdId;
  const query = useLeadChallenge(ownSession ? undefined : id);

  if (!ownSession) {
    if (query.isPending || query.isError) return <QueryState query={query}>{() => null}</QueryState>;
    if (query.data.status !== 'draft') return <NotDraft challenge={query.data} />;
  }
  return (
    <ChallengeEditor
      key={ownSession ? session.key : `${id}-${reloads}`}
      initial={ownSession ? null : query.data ?? null}
      idempotencyKey={session.key}
      onCreated={(created) => setSession((s) => ({ ...s, createdId: created.id }))}
      onReloaded={() => {
        setSession({ key: newIdempotencyKey(), createdId: null, startedAt: location.key });
        setReloads((n) => n + 1);
      }}
    />
  );
}

function NotDraft({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation('lead');
  const navigate = useNavigate();
  return (
    <Result
      status="info"
      data-testid="challenge-not-draft"
      title={t('form.notDraftTitle')}
      subTitle={
        <Space wrap>
          <span>{challenge.title}</span>
          <ChallengeStatusTag status={challenge.status} />
          <span>{t('form.notDraftDetail')}</span>
        </Space>
      }
      extra={
        <Button type="primary" onClick={() => void navigate(`/lead/challenges/${challenge.id}`)}>
          {t('form.toManage')}
        </Button>
      }
    />
  );
}

interface EditorProps {
  initial: Challenge | null;
  idempotencyKey: string;
  onCreated(challenge: Challenge): void;
  onReloaded(): void;
}

function ChallengeEditor({ initial, idempotencyKey, onCreated, onReloaded }: EditorProps) {
  const { t, i18n } = useTranslation('lead');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ChallengeFormValues>();
  const [saved, setSaved] = useState<Challenge | null>(initial);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; stage: 'save' | 'publish' } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  // initialValues apply once, when the form mounts.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const initialValues = useMemo(() => (initial ? challengeToValues(initial) : newChallengeValues(i18n.language)), []);

  const criteria = Form.useWatch(['scorecard', 'criteria'], form) as (CriterionValues | undefined)[] | undefined;
  const total = (criteria ?? []).reduce((sum, c) => sum + (typeof c?.weight === 'number' && Number.isFinite(c.weight) ? c.weight : 0), 0);
  const weightsOk = weightsProblem(criteria ?? []) === null;

  // The weights rule lives on the criteria list; re-check it whenever a criterion changes so the message is live.
  useEffect(() => {
    if (criteria === undefined) return;
    form.validateFields([['scorecard', 'criteria']]).catch(() => undefined);
  }, [criteria, form]);


  async function run(publish: boolean) {
    if (busy) return;
    setFailure(null);
    setConflict(false);
    try {
      await form.validateFields();
    } catch (info) {
      const first = (info as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    const values = form.getFieldsValue(true) as ChallengeFormValues;
    setBusy(publish ? 'publish' : 'save');
    let current = saved;
    let created = false;
    let stage: 'save' | 'publish' = 'save';
    try {
      if (current) {
        current = await unwrap(
          challengeApi.PATCH('/api/v1/challenges/{id}', { params: { path: { id: current.id } }, body: valuesToUpdate(values, current.version) }),
        );
      } else {
        current = await unwrap(
          challengeApi.POST('/api/v1/challenges', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: valuesToCreate(values) }),
        );
        created = true;
        onCreated(current);
      }
      setSaved(current);
      queryClient.setQueryData(leadKeys.challenge(current.id), current);
      void queryClient.invalidateQueries({ queryKey: leadKeys.mineAll });
      if (publish) {
        stage = 'publish';
        const published = await unwrap(challengeApi.POST('/api/v1/challenges/{id}/publish', { params: { path: { id: current.id } } }));
        message.success(t('form.publishedMessage'));
        await navigate(`/lead/challenges/${published.id}`);
        queryClient.setQueryData(leadKeys.challenge(published.id), published);
        return;
      }
      message.success(t('form.savedMessage'));
      if (created) await navigate(`/lead/challenges/${current.id}/edit`, { replace: true });
    } catch (error) {
      if (created && current) void navigate(`/lead/challenges/${current.id}/edit`, { replace: true });
      if (isApiError(error, 'VERSION_CONFLICT')) {
        setConflict(true);
      } else {
        const rest = applyFieldErrors(form, error);
        setFailure({ error: withUnplaced(error, rest), stage });
      }
    } finally {
      setBusy(null);
    }
  }

  async function reload() {
    if (!saved) return;
    setReloading(true);
    try {
      const fresh = await unwrap(challengeApi.GET('/api/v1/challenges/{id}', { params: { path: { id: saved.id } } }));
      queryClient.setQueryData(leadKeys.challenge(saved.id), fresh);
      onReloaded();
    } catch (error) {
      setFailure({ error, stage: 'save' });
    } finally {
      setReloading(false);
    }
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {saved ? t('form.editHeading') : t('form.newHeading')}
          </Typography.Title>
          {saved && <ChallengeStatusTag status={saved.status} />}
        </Space>
        {saved && (
          <Typography.Text type="secondary" data-testid="challenge-form-saved-at">
            {t('form.savedAt', { time: formatTime(saved.updatedAt), version: saved.version })}
          </Typography.Text>
        )}
      </Flex>

      <Form<ChallengeFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        data-testid="challenge-form"
        onFinish={() => void run(false)}
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <BasicsCard />

          <KpiCard />

          <RewardEligibilityCard />

          <ProcessCard />

          <ScorecardCard total={total} weightsOk={weightsOk} />

          {conflict && (
            <Alert
              type="warning"
              showIcon
              data-testid="version-conflict"
              title={t('form.conflictTitle')}
              description={t('form.conflictDetail')}
              action={
                <Button onClick={() => void reload()} loading={reloading} data-testid="reload-challenge">
                  {t('form.reload')}
                </Button>
              }
            />
          )}
          {failure && (
            <div>
              <ProblemAlert error={failure.error} />
              {failure.stage === 'publish' && saved && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  {t('form.publishFailedSaved')}
                </Typography.Paragraph>
              )}
            </div>
          )}

          <Card size="small">
            <Flex wrap gap={8} justify="space-between" align="center">
              <Space wrap>
                <Button type="default" onClick={() => void run(false)} loading={busy === 'save'} disabled={busy === 'publish'} data-testid="challenge-form-save">
                  {tc('action.saveDraft')}
                </Button>
                <Button type="primary" onClick={() => void run(true)} loading={busy === 'publish'} disabled={busy === 'save'} data-testid="challenge-form-publish">
                  {t('form.saveAndPublish')}
                </Button>
                {!weightsOk && <Tag color="error">{t('form.weightsBlocking')}</Tag>}
              </Space>
              <Link to={saved ? `/lead/challenges/${saved.id}` : '/lead/challenges'} data-testid="challenge-form-back">
                {saved ? t('form.toManage') : tc('action.back')}
              </Link>
            </Flex>
          </Card>
        </Space>
      </Form>
    </Space>
  );
}
