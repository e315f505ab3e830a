/**
 * The bid form of /sme/challenges/:challengeId/bid and /sme/bids/:id/edit: a session per start (draft restored or
 * discarded, latest version reloaded), the localStorage autosave and the submission (POST or PATCH).
 * data-testids: bidding-closed, draft-restored, draft-discard, bid-form, bid-summary, bid-approach, bid-kpi-<index>,
 * bid-price, bid-duration, bid-submit, draft-saved (and those of BidFormLists and SubmitError).
 */
import { newIdempotencyKey } from '../../api/idempotency';
import { formatYuan } from '../../components/format';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, biddingApi, unwrap } from '../../api/client';
import type { Bid, Challenge, FieldError } from '../../api/types';
import { useUser } from '../../auth/session';
import { formatTime } from '../../components/Countdown';
import { applyFieldErrors } from '../../components/formErrors';
import { type BidDraft, type BidFormValues, type BidPayload, bidDraftKey, bidToValues, clearBidDraft, emptyBidValues, paymentsTotal, readBidDraft, toFormFieldErrors, valuesToPayload, writeBidDraft } from './bidDraft';
import { MilestonesCard, TeamCard } from './BidFormLists';
import { smeKeys, useBiddingOpen } from './shared';
import { SubmitError } from './SubmitError';

interface Session {
  /** Remounts the form (a fresh start after "discard draft" or a reload). */
  key: number;
  initial: BidFormValues;
  restored: BidDraft | null;
  /** The bid version this session amends (what PATCH sends). */
  version?: number;
}

/** Fills the draft's gaps from `base` and keeps one KPI answer per KPI of the challenge. */
function fromDraft(base: BidFormValues, draft: BidDraft, challenge: Challenge): BidFormValues {
  const values = { ...base, ...draft.values };
  return { ...values, kpis: challenge.kpis.map((_, i) => draft.values.kpis?.[i] ?? base.kpis?.[i] ?? '') };
}

function startSession(key: number, draftKey: string, challenge: Challenge, bid: Bid | undefined, useDraft: boolean): Session {
  const base = bid ? bidToValues(bid, challenge) : emptyBidValues(challenge);
  const draft = useDraft ? readBidDraft(draftKey) : null;
  if (!draft) return { key, initial: base, restored: null, version: bid?.version };
  return { key, initial: fromDraft(base, draft, challenge), restored: draft, version: bid ? (draft.version ?? bid.version) : undefined };
}

export function BidForm({ challenge, bid, reloadBid }: { challenge: Challenge; bid?: Bid; reloadBid?: () => Promise<Bid> }) {
  const { t } = useTranslation('sme');
  const user = useUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const draftKey = bid ? bidDraftKey(user.id, { bidId: bid.id }) : bidDraftKey(user.id, { challengeId: challenge.id });
  const [session, setSession] = useState<Session>(() => startSession(0, draftKey, challenge, bid, true));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<{ error: unknown; unplaced: FieldError[] } | null>(null);
  const [closedByServer, setClosedByServer] = useState(false);
  const payloadRef = useRef<BidPayload | null>(null);
  const [form] = Form.useForm<BidFormValues>();
  const milestones = Form.useWatch('milestones', form);
  const open = useBiddingOpen(challenge) && !closedByServer;
  const total = paymentsTotal(milestones ?? session.initial.milestones);

  const submit = useMutation({
    mutationFn: async (payload: BidPayload): Promise<Bid> => {
      payloadRef.current = payload;
      if (bid) {
        return unwrap(biddingApi.PATCH('/api/v1/bids/{id}', { params: { path: { id: bid.id } }, body: { ...payload.content, version: session.version ?? bid.version } }));
      }
      return unwrap(
        biddingApi.POST('/api/v1/bids', {
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          body: { challengeId: challenge.id, ...payload.content },
        }),
      );
    },
    onSuccess: (saved) => {
      clearBidDraft(draftKey);
      queryClient.setQueryData(smeKeys.bid(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: smeKeys.bids });
      void queryClient.invalidateQueries({ queryKey: smeKeys.recommendations });
      void queryClient.invalidateQueries({ queryKey: smeKeys.assessment(saved.id) });
      void message.success(bid ? t('form.amended', { n: saved.revision }) : t('form.submitted'));
      void navigate(`/sme/bids/${saved.id}`);
    },
    onError: (error) => {
      const mapped = payloadRef.current ? toFormFieldErrors(error, payloadRef.current, challenge) : error;
      const placeable = mapped instanceof ApiError && (mapped.code === 'RULE_VIOLATION' || mapped.code === 'VALIDATION_FAILED');
      const unplaced = placeable ? applyFieldErrors(form, mapped) : mapped instanceof ApiError ? mapped.fieldErrors : [];
      if (mapped instanceof ApiError && mapped.code === 'BIDDING_CLOSED') setClosedByServer(true);
      setSubmitError({ error: mapped, unplaced });
    },
  });

  // A new session (draft discarded, latest version reloaded): the form store keeps values across a remount,
  // so reset it to the session's initial values.
  useEffect(() => {
    if (session.key > 0) form.resetFields();
  }, [session.key, form]);

  const onValuesChange = (changed: Partial<BidFormValues>) => {
    const written = writeBidDraft(draftKey, form.getFieldsValue(true) as BidFormValues, session.version);
    // Shown to the second: within one second React bails out of re-rendering the form for every keystroke.
    setSavedAt(written ? dayjs(written).format('HH:mm:ss') : null);
    // The payments total is a rule of the whole list: re-check it as the user types.
    if ('milestones' in changed) void form.validateFields([['milestones']]).catch(() => undefined);
  };

  const discardDraft = () => {
    clearBidDraft(draftKey);
    setSavedAt(null);
    setSubmitError(null);
    setSession((s) => startSession(s.key + 1, draftKey, challenge, bid, false));
  };

  const reload = async () => {
    const latest = reloadBid ? await reloadBid() : bid;
    clearBidDraft(draftKey);
    setSavedAt(null);
    setSubmitError(null);
    setSession((s) => startSession(s.key + 1, draftKey, challenge, latest, false));
  };

  const kpiLabel = (index: number) => {
    const kpi = challenge.kpis[index];
    return (
      <Space size={4} wrap>
        <span>
          {t('form.kpiN', { n: index + 1 })} {kpi.name}
        </span>
        <Typography.Text type="secondary">{t('form.kpiTarget', { target: `${kpi.target}${kpi.unit ? ` ${kpi.unit}` : ''}` })}</Typography.Text>
        {kpi.mandatory ? <Tag color="red">{t('form.mandatory')}</Tag> : <Tag>{t('form.optional')}</Tag>}
      </Space>
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {!open && (
        <Alert type="warning" showIcon data-testid="bidding-closed" title={t('form.closed')} description={t('form.closedDetail', { time: formatTime(challenge.bidDeadline) })} />
      )}
      {session.restored && (
        <Alert
          type="info"
          showIcon
          data-testid="draft-restored"
          title={t('form.draftRestored', { time: formatTime(session.restored.savedAt) })}
          description={
            bid && session.restored.version !== undefined && session.restored.version !== bid.version ? t('form.draftOlderVersion') : t('form.draftRestoredDetail')
          }
          action={
            <Button size="small" onClick={discardDraft} data-testid="draft-discard">
              {t('form.discardDraft')}
            </Button>
          }
        />
      )}
      <Form<BidFormValues>
        key={session.key}
        form={form}
        layout="vertical"
        initialValues={session.initial}
        disabled={!open}
        onValuesChange={onValuesChange}
        onFinish={(values) => {
          setSubmitError(null);
          submit.mutate(valuesToPayload(values, challenge));
        }}
        scrollToFirstError
        data-testid="bid-form"
      >
        <Card title={t('form.proposal')} size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            name="summary"
            label={t('form.summary')}
            extra={t('form.summaryHelp')}
            rules={[
              { required: true, whitespace: true, message: t('form.summaryRequired') },
              { max: 2000, message: t('common:field.tooLong', { max: 2000 }) },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="bid-summary" />
          </Form.Item>
          <Form.Item
            name="technicalApproach"
            label={t('form.approach')}
            extra={t('form.approachHelp')}
            rules={[
              { required: true, whitespace: true, message: t('form.approachRequired') },
              { max: 50000, message: t('common:field.tooLong', { max: 50000 }) },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} data-testid="bid-approach" />
          </Form.Item>
        </Card>

        <Card title={t('form.kpis')} size="small" style={{ marginBottom: 16 }}>
          {challenge.kpis.length === 0 ? (
            <Typography.Text type="secondary">{t('form.noKpis')}</Typography.Text>
          ) : (
            <Typography.Paragraph type="secondary">{t('form.kpisHelp')}</Typography.Paragraph>
          )}
          {challenge.kpis.map((kpi, index) => (
            <Form.Item
              key={kpi.id}
              name={['kpis', index]}
              label={kpiLabel(index)}
              required={kpi.mandatory}
              rules={[
                ...(kpi.mandatory ? [{ required: true, whitespace: true, message: t('form.kpiRequired', { name: kpi.name }) }] : []),
                { max: 2000, message: t('common:field.tooLong', { max: 2000 }) },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} placeholder={t('form.kpiPlaceholder', { target: kpi.target })} data-testid={`bid-kpi-${index}`} />
            </Form.Item>
          ))}
        </Card>

        <Card title={t('form.terms')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="priceYuan"
                label={t('form.price')}
                extra={<PriceHint challenge={challenge} />}
                rules={[{ required: true, message: t('form.priceRequired') }]}
              >
                <InputNumber min={0} max={1_000_000_000_000} precision={0} style={{ width: '100%' }} suffix={t('form.yuan')} data-testid="bid-price" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="durationDays" label={t('form.duration')} rules={[{ required: true, message: t('form.durationRequired') }]}>
                <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} suffix={t('form.daysUnit')} data-testid="bid-duration" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <MilestonesCard total={total} />

        <TeamCard />

        {submitError && <SubmitError error={submitError.error} unplaced={submitError.unplaced} version={session.version} onReload={reload} />}

        <Space wrap align="center" style={{ marginTop: 8 }}>
          <Button type="primary" htmlType="submit" size="large" loading={submit.isPending} data-testid="bid-submit">
            {bid ? t('form.submitAmendment') : t('form.submit')}
          </Button>
          {bid && (
            <Button onClick={() => void navigate(`/sme/bids/${bid.id}`)} disabled={false} autoInsertSpace={false}>
              {t('common:action.cancel')}
            </Button>
          )}
          <Typography.Text type="secondary" data-testid="draft-saved">
            {savedAt ? t('form.draftSaved', { time: savedAt }) : t('form.draftAuto')}
          </Typography.Text>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('form.sealedNote')}
        </Typography.Paragraph>
      </Form>
    </Space>
  );
}

function PriceHint({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation('sme');
  const price = Form.useWatch('priceYuan') as number | null | undefined;
  return (
    <span>
      {typeof price === 'number' ? `${formatYuan(price)} · ` : ''}
      {t('form.priceHint', { reward: formatYuan(challenge.rewardYuan) })}
    </span>
  );
}
