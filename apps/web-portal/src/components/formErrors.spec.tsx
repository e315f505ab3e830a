import { render, screen, waitFor } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { applyFieldErrors, fieldPath } from './formErrors';

describe('server field errors beside their fields', () => {
  it('maps a dotted field to an Ant Design name path', () => {
    expect(fieldPath('kpis.0.name')).toEqual(['kpis', 0, 'name']);
  });

  it('places each problem+json field error on its field, or on its nearest registered parent, and returns the rest', async () => {
    let form!: FormInstance;
    function Harness() {
      const [instance] = Form.useForm();
      form = instance;
      return (
        <Form form={instance}>
          <Form.Item name="title" label="标题">
            <Input />
          </Form.Item>
          <Form.Item name={['kpis', 0, 'name']} label="指标">
            <Input />
          </Form.Item>
        </Form>
      );
    }
    render(<Harness />);
    const error = new ApiError(
      422,
      {
        code: 'RULE_VIOLATION',
        detail: 'The challenge breaks a rule.',
        errors: [
          { field: 'title', message: 'title must not be empty' },
          { field: 'kpis.0.name.extra', message: 'KPI name is too long' },
          { field: 'bidDeadline', message: 'bidDeadline must be in the future' },
        ],
      },
      '422',
    );
    let rest: ReturnType<typeof applyFieldErrors> = [];
    await waitFor(() => {
      rest = applyFieldErrors(form, error);
    });
    expect(rest).toEqual([{ field: 'bidDeadline', message: 'bidDeadline must be in the future' }]);
    expect(await screen.findByText('title must not be empty')).toBeTruthy();
    expect(await screen.findByText('KPI name is too long')).toBeTruthy();
  });
});
