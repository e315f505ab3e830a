import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import type { FieldError } from '../api/types';

/** `kpis.0.name` → `['kpis', 0, 'name']`, the name path Ant Design forms use. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the API's field errors beside their fields (problem+json `errors[]`) and returns those no form field
 * carries, for the page's alert. `known` lists the form's field names (top-level) so that an error on
 * `scorecard.criteria` lands on the `scorecard` list when only that exists.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): FieldError[] {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return [];
  const registered = new Set(
    form
      .getFieldsError()
      .map((f) => JSON.stringify(f.name)),
  );
  const unplaced: FieldError[] = [];
  const placed = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of error.fieldErrors) {
    let path = fieldPath(e.field);
    while (path.length > 0 && !registered.has(JSON.stringify(path))) path = path.slice(0, -1);
    if (path.length === 0) {
      unplaced.push(e);
      continue;
    }
    const key = JSON.stringify(path);
    const entry = placed.get(key) ?? { name: path, errors: [] };
    entry.errors.push(e.message);
    placed.set(key, entry);
  }
  form.setFields([...placed.values()]);
  return unplaced;
}
