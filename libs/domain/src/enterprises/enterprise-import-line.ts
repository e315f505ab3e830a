import { ENTERPRISE_SIZES, EnterpriseSize } from '../challenges/challenge.types';
import { creditCodeProblem } from '../validation/credit-code';
import { isValidIndustryCode } from '../validation/industry-code';
import { isValidRegionCode } from '../validation/region-code';
import { EnterpriseProfileContent } from './enterprise-profile.entity';

/** One valid line of the enterprise import (DATA.md): the organization and its profile. */
export interface EnterpriseImportRecord {
  externalId: string;
  name: string;
  creditCode: string | null;
  region: string | null;
  size: EnterpriseSize | null;
  profile: EnterpriseProfileContent;
}

const KNOWN = new Set([
  'externalId', 'name', 'creditCode', 'region', 'size', 'description', 'capabilities', 'industries', 'certifications',
  'employeeCount', 'patents', 'pastProjects',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * Fields (paths) holding text Postgres cannot store: a NUL character, or a lone UTF-16 surrogate (jsonb refuses
 * it, text would keep U+FFFD). The HTTP services refuse these in every request; import lines are checked here.
 */
function unstorableTextFields(value: unknown): string[] {
  const found: string[] = [];
  const stack: Array<{ node: unknown; path: string }> = [{ node: value, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node === 'string') {
      if (unstorable(node)) found.push(path);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (unstorable(key)) found.push(path || 'line');
        else stack.push({ node: child, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return found;
}

/**
 * Validates one parsed NDJSON line. Only `externalId` and `name` are required; every problem is reported
 * (field and reason), and a bad line never stops the others.
 */
export function parseEnterpriseImportLine(value: unknown): { record: EnterpriseImportRecord } | { errors: string[] } {
  if (!isObj(value)) return { errors: ['the line must be a JSON object'] };
  const errors: string[] = [];
  for (const field of unstorableTextFields(value)) errors.push(`${field}: must not contain NUL characters or lone surrogates`);
  if (errors.length > 0) return { errors };
  for (const key of Object.keys(value)) if (!KNOWN.has(key)) errors.push(`${key}: unknown field`);
  const text = (key: string, max: number, required: boolean): string | null => {
    const v = value[key];
    if (v === undefined || v === null) {
      if (required) errors.push(`${key}: required`);
      return null;
    }
    if (typeof v !== 'string' || (required && v.trim() === '') || v.length > max) {
      errors.push(`${key}: must be a${required ? ' non-empty' : ''} string of at most ${max} characters`);
      return null;
    }
    return v;
  };
  const strings = (key: string, maxItems: number, maxLength: number, check?: (s: string) => boolean): string[] => {
    const v = value[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.length > maxItems || v.some((s) => typeof s !== 'string' || s.length === 0 || s.length > maxLength)) {
      errors.push(`${key}: must be a list of at most ${maxItems} non-empty strings (≤ ${maxLength} characters)`);
      return [];
    }
    if (check && v.some((s) => !check(s as string))) errors.push(`${key}: contains an invalid code`);
    return v as string[];
  };
  const year = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100;

  const externalId = text('externalId', 200, true);
  const name = text('name', 300, true);
  const creditCode = text('creditCode', 18, false);
  if (creditCode !== null && creditCodeProblem(creditCode) !== null) errors.push(`creditCode: not a valid 统一社会信用代码 (${creditCodeProblem(creditCode)})`);
  const region = text('region', 6, false);
  if (region !== null && !isValidRegionCode(region)) errors.push('region: must be a 6-digit GB/T 2260 code');
  const size = value.size ?? null;
  if (size !== null && !(ENTERPRISE_SIZES as readonly unknown[]).includes(size)) errors.push(`size: must be one of ${ENTERPRISE_SIZES.join(', ')}`);
  const description = text('description', 20000, false) ?? '';
  const capabilities = strings('capabilities', 200, 200);
  const industries = strings('industries', 50, 5, isValidIndustryCode);
  const certifications = strings('certifications', 50, 100);
  const employeeCount = value.employeeCount ?? null;
  if (employeeCount !== null && !(Number.isInteger(employeeCount) && (employeeCount as number) >= 0 && (employeeCount as number) <= 10_000_000)) {
    errors.push('employeeCount: must be a whole number from 0 to 10,000,000');
  }

  const patents: EnterpriseProfileContent['patents'] = [];
  if (value.patents !== undefined && value.patents !== null) {
    if (!Array.isArray(value.patents) || value.patents.length > 1000) errors.push('patents: must be a list of at most 1000');
    else value.patents.forEach((p: unknown, i) => {
      if (!isObj(p) || typeof p.title !== 'string' || p.title.length === 0 || p.title.length > 500) errors.push(`patents.${i}.title: required string`);
      else if (p.year !== undefined && p.year !== null && !year(p.year)) errors.push(`patents.${i}.year: must be a year`);
      else patents.push({ title: p.title, number: typeof p.number === 'string' ? p.number.slice(0, 50) : null, year: (p.year as number | null | undefined) ?? null });
    });
  }
  const pastProjects: EnterpriseProfileContent['pastProjects'] = [];
  if (value.pastProjects !== undefined && value.pastProjects !== null) {
    if (!Array.isArray(value.pastProjects) || value.pastProjects.length > 500) errors.push('pastProjects: must be a list of at most 500');
    else value.pastProjects.forEach((p: unknown, i) => {
      if (!isObj(p) || typeof p.title !== 'string' || p.title.length === 0 || p.title.length > 500) errors.push(`pastProjects.${i}.title: required string`);
      else if (!year(p.year)) errors.push(`pastProjects.${i}.year: must be a year`);
      else if (p.description !== undefined && p.description !== null && (typeof p.description !== 'string' || p.description.length > 50000)) {
        errors.push(`pastProjects.${i}.description: must be a string of at most 50000 characters`);
      } else {
        pastProjects.push({
          title: p.title,
          description: typeof p.description === 'string' ? p.description : '',
          year: p.year as number,
          client: typeof p.client === 'string' ? p.client.slice(0, 300) : null,
        });
      }
    });
  }
  if (errors.length > 0 || externalId === null || name === null) return { errors: errors.length ? errors : ['invalid line'] };
  return {
    record: {
      externalId,
      name,
      creditCode,
      region,
      size: size as EnterpriseSize | null,
      profile: { description, capabilities, industries, certifications, employeeCount: employeeCount as number | null, patents, pastProjects },
    },
  };
}
