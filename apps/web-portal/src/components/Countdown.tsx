import { Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Time left until `deadline`, ticking every second; the tooltip shows the moment in the viewer's time zone. */
export function Countdown({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, new Date(deadline).getTime() - now);
  const s = Math.floor(left / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const text =
    left === 0
      ? t('countdown.closed')
      : t('countdown.left', {
          time: d > 0 ? t('countdown.days', { d, h }) : h > 0 ? t('countdown.hours', { h, m }) : t('countdown.minutes', { m, s: s % 60 }),
        });
  return (
    <Tooltip title={`${formatTime(deadline)} (${timeZone()})`}>
      <Typography.Text type={left === 0 ? 'secondary' : left < 86400_000 ? 'danger' : undefined} data-testid="countdown">
        {text}
      </Typography.Text>
    </Tooltip>
  );
}

export function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A moment in the viewer's own time zone, e.g. 2026-11-24 09:30. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}
