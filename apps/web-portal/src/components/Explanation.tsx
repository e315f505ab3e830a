import { Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A matching or assessment explanation: the summary sentence always, then what the object carries of matched
 * terms and capabilities, the best past project, signal contributions (matching) or parts (assessment).
 * The API documents these objects loosely (`summary` is the only guaranteed field), so every part is optional.
 */
export interface ExplanationShape {
  summary?: string;
  matchedTerms?: string[];
  matchedCapabilities?: string[];
  bestProject?: { title: string; year: number; score: number } | null;
  signals?: { signal: string; contribution: number; detail: string }[];
  parts?: string[];
}

export function Explanation({ value, compact = false }: { value: unknown; compact?: boolean }) {
  const { t } = useTranslation();
  const e = (value ?? {}) as ExplanationShape;
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="explanation">
      {e.summary && <Typography.Text>{e.summary}</Typography.Text>}
      {!compact && e.matchedCapabilities && e.matchedCapabilities.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('explanation.capabilities')}: </Typography.Text>
          {e.matchedCapabilities.map((c) => (
            <Tag key={c} color="blue">
              {c}
            </Tag>
          ))}
        </div>
      )}
      {e.matchedTerms && e.matchedTerms.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('explanation.terms')}: </Typography.Text>
          {e.matchedTerms.filter((term) => [...term].length > 1).slice(0, compact ? 6 : 15).map((term) => (
            <Tag key={term}>{term}</Tag>
          ))}
        </div>
      )}
      {!compact && e.bestProject && (
        <Typography.Text type="secondary">
          {t('explanation.bestProject')}: {e.bestProject.title} ({e.bestProject.year})
        </Typography.Text>
      )}
      {!compact &&
        e.signals
          ?.filter((s) => s.contribution > 0)
          .map((s) => (
            <div key={s.signal} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
              <Typography.Text style={{ minWidth: 120 }}>{t(`explanation.signal.${s.signal}`, { defaultValue: s.signal })}</Typography.Text>
              <Progress percent={Math.round(s.contribution)} size="small" style={{ flex: 1, margin: 0 }} format={(p) => `+${p}`} />
            </div>
          ))}
      {!compact && e.parts && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {e.parts.filter(Boolean).map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </Space>
  );
}
