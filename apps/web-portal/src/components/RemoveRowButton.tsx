import DeleteOutlined from '@ant-design/icons/DeleteOutlined';
import { Button } from 'antd';

/** The delete button of one row of a form list (KPIs, criteria, milestones, team, patents, projects). */
export function RemoveRowButton({ label, onRemove, testId }: { label: string; onRemove: () => void; testId?: string }) {
  return <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={label} data-testid={testId} />;
}
