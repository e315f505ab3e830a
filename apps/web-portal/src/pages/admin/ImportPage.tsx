/**
 * Route: /admin/import (admin). Enterprise bulk import: a plain NDJSON file (.jsonl / .ndjson; the API takes no
 * gzip) is streamed to bidding-service `POST /api/v1/admin/enterprises/import` by XMLHttpRequest for upload progress.
 * Choosing a file starts the upload; a failed or cancelled one can be retried.
 * data-testids: import-file (the file input), import-file-problem, import-retry, import-cancel, import-progress,
 * import-status, import-problem, import-result, import-created, import-updated, import-failed, import-error-row
 * (data-line).
 */
import { Alert, Button, Card, Col, Flex, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, biddingBaseUrl, tokenStore } from '../../api/client';
import type { ImportResult, Problem } from '../../api/types';
import { formatBytes } from './shared';

const MAX_BYTES = 200 * 1024 * 1024;
const NDJSON = 'application/x-ndjson';

const EXAMPLE_MINIMAL = '{"externalId":"sbir:ACME","name":"Acme"}';
const EXAMPLE_FULL =
  '{"externalId":"sbir:ACME","name":"Acme","creditCode":"91350100M000100Y43","region":"350100","size":"small",' +
  '"description":"...","capabilities":["GaN power devices"],"industries":["C39"],"certifications":["specialized-sme"],' +
  '"employeeCount":40,"patents":[{"title":"...","number":"CN123456A","year":2021}],' +
  '"pastProjects":[{"title":"...","description":"...","year":2013,"client":"Department of Energy"}]}';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'processing'; total: number }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'failed'; error: ApiError; total: number; loaded: number }
  | { kind: 'cancelled' };

/** Why a chosen file cannot be sent, before any byte goes out (the server remains the authority). */
function fileProblem(file: File, t: (key: string, values?: Record<string, unknown>) => string): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.gz') || file.type === 'application/gzip' || file.type === 'application/x-gzip') return t('import.gzip');
  if (!name.endsWith('.jsonl') && !name.endsWith('.ndjson')) return t('import.wrongType', { name: file.name });
  if (file.size === 0) return t('import.emptyFile');
  if (file.size > MAX_BYTES) return t('import.tooLarge', { size: formatBytes(file.size) });
  return null;
}

/** The API's problem+json body when there is one, with a readable fallback per status. */
function problemOf(xhr: XMLHttpRequest, fallback: string): ApiError {
  let problem: Partial<Problem> | null = null;
  try {
    const body = JSON.parse(xhr.responseText) as unknown;
    if (body && typeof body === 'object') problem = body as Partial<Problem>;
  } catch {
    // not JSON (a proxy's HTML page, an empty body): the fallback speaks
  }
  return new ApiError(xhr.status, problem, fallback);
}

export default function ImportPage() {
  const { t } = useTranslation('admin');
  const [file, setFile] = useState<File | null>(null);
  const [chooseProblem, setChooseProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  // Leaving the page stops an upload in flight.
  useEffect(() => () => xhrRef.current?.abort(), []);

  const httpFallback = (status: number): string =>
    status === 0 ? t('import.httpError.network') : t(`import.httpError.${status}`, { defaultValue: t('import.httpError.other', { status }) });

  const upload = (chosen: File) => {
    xhrRef.current?.abort();
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    let loaded = 0;
    setPhase({ kind: 'uploading', loaded: 0, total: chosen.size });
    xhr.open('POST', `${biddingBaseUrl()}/api/v1/admin/enterprises/import`);
    xhr.setRequestHeader('Content-Type', NDJSON);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    const token = tokenStore.read();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      loaded = event.loaded;
      setPhase({ kind: 'uploading', loaded: event.loaded, total: event.lengthComputable ? event.total : chosen.size });
    };
    xhr.upload.onload = () => {
      loaded = chosen.size;
      setPhase({ kind: 'processing', total: chosen.size });
    };
    xhr.onload = () => {
      if (xhrRef.current !== xhr) return;
      xhrRef.current = null;
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          const result = JSON.parse(xhr.responseText) as ImportResult;
          setPhase({ kind: 'done', result: { created: result.created ?? 0, updated: result.updated ?? 0, failed: result.failed ?? [] } });
        } catch {
          setPhase({ kind: 'failed', error: new ApiError(xhr.status, null, t('import.httpError.other', { status: xhr.status })), total: chosen.size, loaded });
        }
        return;
      }
      // An expired session: forget the token as the API client does, so the portal asks to sign in again.
      if (xhr.status === 401 && tokenStore.read() !== null) tokenStore.write(null);
      setPhase({ kind: 'failed', error: problemOf(xhr, httpFallback(xhr.status)), total: chosen.size, loaded });
    };
    const networkFailure = () => {
      if (xhrRef.current !== xhr) return;
      xhrRef.current = null;
      setPhase({ kind: 'failed', error: new ApiError(0, null, httpFallback(0)), total: chosen.size, loaded });
    };
    xhr.onerror = networkFailure;
    xhr.ontimeout = networkFailure;
    xhr.onabort = () => {
      if (xhrRef.current === xhr) xhrRef.current = null;
    };
    xhr.send(chosen);
  };

  const cancel = () => {
    const xhr = xhrRef.current;
    xhrRef.current = null;
    xhr?.abort();
    setPhase({ kind: 'cancelled' });
  };

  const onChoose = (event: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    event.target.value = ''; // choosing the same file again starts a new import
    if (!chosen) return;
    const problem = fileProblem(chosen, t);
    setChooseProblem(problem);
    if (problem) {
      setFile(null);
      return;
    }
    setFile(chosen);
    upload(chosen);
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const percent =
    phase.kind === 'uploading'
      ? phase.total > 0
        ? Math.floor((phase.loaded / phase.total) * 100)
        : 0
      : phase.kind === 'processing' || phase.kind === 'done'
        ? 100
        : phase.kind === 'failed'
          ? Math.floor((phase.loaded / Math.max(1, phase.total)) * 100)
          : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t('import.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('import.intro')}
        </Typography.Paragraph>
      </div>

      <Card size="small" title={t('import.formatTitle')}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>{t('import.formatRequired')}</Typography.Paragraph>
        <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', background: '#fafafa', padding: 8, borderRadius: 6, margin: '0 0 8px' }}>
          {EXAMPLE_MINIMAL}
          {'\n'}
          {EXAMPLE_FULL}
        </pre>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('import.formatFields')}
        </Typography.Paragraph>
      </Card>

      <Card size="small">
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <label htmlFor="import-file-input">
            <Typography.Text strong>{t('import.file')}</Typography.Text>
          </label>
          <input
            id="import-file-input"
            type="file"
            accept=".jsonl,.ndjson,application/x-ndjson"
            data-testid="import-file"
            onChange={onChoose}
            disabled={busy}
            aria-describedby="import-file-hint"
            style={{ maxWidth: '100%' }}
          />
          <Typography.Text type="secondary" id="import-file-hint">
            {t('import.fileHint')} {t('import.autoStart')}
          </Typography.Text>
          {chooseProblem && <Alert type="warning" showIcon title={chooseProblem} data-testid="import-file-problem" />}
          {file && (
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Typography.Text style={{ wordBreak: 'break-all' }}>{t('import.chosen', { name: file.name, size: formatBytes(file.size) })}</Typography.Text>
              {busy && (
                <Button onClick={cancel} data-testid="import-cancel">
                  {t('import.cancel')}
                </Button>
              )}
              {(phase.kind === 'failed' || phase.kind === 'cancelled') && (
                <Button type="primary" onClick={() => upload(file)} data-testid="import-retry">
                  {t('import.retry')}
                </Button>
              )}
            </Flex>
          )}
          {phase.kind !== 'idle' && phase.kind !== 'cancelled' && (
            <div>
              <Progress
                data-testid="import-progress"
                percent={percent}
                status={phase.kind === 'failed' ? 'exception' : phase.kind === 'done' ? 'success' : 'active'}
                aria-label={t('import.title')}
              />
              <Typography.Text type="secondary" role="status" aria-live="polite" data-testid="import-status">
                {phase.kind === 'uploading' && t('import.uploading', { loaded: formatBytes(phase.loaded), total: formatBytes(phase.total) })}
                {phase.kind === 'processing' && t('import.processing')}
                {phase.kind === 'done' && t('import.done')}
              </Typography.Text>
            </div>
          )}
          {phase.kind === 'cancelled' && <Alert type="info" showIcon title={t('import.cancelled')} />}
          {phase.kind === 'failed' && <ImportProblem error={phase.error} />}
        </Space>
      </Card>

      {phase.kind === 'done' && <ImportResultView result={phase.result} />}
    </Space>
  );
}

/** A refused or failed upload: what it means (by status), then the server's own detail and field errors. */
function ImportProblem({ error }: { error: ApiError }) {
  const { t } = useTranslation('admin');
  const known = error.status === 0 ? t('import.httpError.network') : t(`import.httpError.${error.status}`, { defaultValue: '' });
  const title = known || error.detail;
  const serverDetail = known && error.detail !== known ? error.detail : null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="import-problem"
      title={title}
      description={
        serverDetail || error.fieldErrors.length > 0 || error.traceId ? (
          <div data-testid="problem-detail">
            {serverDetail && <div>{serverDetail}</div>}
            {error.fieldErrors.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {error.fieldErrors.map((e, i) => (
                  <li key={i}>
                    <code>{e.field}</code>: {e.message}
                  </li>
                ))}
              </ul>
            )}
            {error.traceId && error.status >= 500 && <div>{t('common:error.trace', { traceId: error.traceId })}</div>}
          </div>
        ) : undefined
      }
    />
  );
}

function ImportResultView({ result }: { result: ImportResult }) {
  const { t } = useTranslation('admin');
  return (
    <Card title={t('import.result.title')} data-testid="import-result">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={8}>
          <div data-testid="import-created">
            <Statistic title={t('import.result.created')} value={result.created} />
          </div>
        </Col>
        <Col xs={8}>
          <div data-testid="import-updated">
            <Statistic title={t('import.result.updated')} value={result.updated} />
          </div>
        </Col>
        <Col xs={8}>
          <div data-testid="import-failed">
            <Statistic title={t('import.result.failed')} value={result.failed.length} styles={{ content: result.failed.length > 0 ? { color: '#cf1322' } : undefined }} />
          </div>
        </Col>
      </Row>
      {result.failed.length === 0 ? (
        <Alert type="success" showIcon title={t('import.result.allGood')} />
      ) : (
        <>
          <Typography.Title level={5}>{t('import.result.failures')}</Typography.Title>
          <Table
            size="small"
            rowKey="line"
            dataSource={result.failed}
            scroll={{ x: true }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            onRow={(row) => ({ 'data-testid': 'import-error-row', 'data-line': row.line }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: <span style={{ whiteSpace: 'nowrap' }}>{t('import.result.line')}</span>, dataIndex: 'line' },
              {
                title: t('import.result.errors'),
                dataIndex: 'errors',
                render: (errors: string[]) =>
                  errors.length === 1 ? (
                    <span style={{ wordBreak: 'break-word' }}>{errors[0]}</span>
                  ) : (
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {errors.map((e, i) => (
                        <li key={i} style={{ wordBreak: 'break-word' }}>
                          {e}
                        </li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
