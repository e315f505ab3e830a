/** An integer number of yuan as the portal shows money everywhere, in either language: ¥1,200,000. */
export function formatYuan(yuan: number | null | undefined): string {
  if (typeof yuan !== 'number' || !Number.isFinite(yuan)) return '—';
  return `¥${Math.round(yuan).toLocaleString('en-US')}`;
}
