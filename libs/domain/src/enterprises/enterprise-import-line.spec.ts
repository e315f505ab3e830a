import { parseEnterpriseImportLine } from './enterprise-import-line';

describe('parseEnterpriseImportLine', () => {
  it('accepts the DATA.md example and the minimal line', () => {
    const full = parseEnterpriseImportLine({
      externalId: 'sbir:ACME',
      name: 'Acme',
      creditCode: '91350100M000100Y43',
      region: '350100',
      size: 'small',
      description: '...',
      capabilities: ['GaN power devices'],
      industries: ['C39'],
      certifications: ['specialized-sme'],
      employeeCount: 40,
      patents: [{ title: 'p', number: 'CN123456A', year: 2021 }],
      pastProjects: [{ title: 't', description: 'd', year: 2013, client: 'Department of Energy' }],
    });
    expect('record' in full && full.record.profile.pastProjects[0].client).toBe('Department of Energy');
    const minimal = parseEnterpriseImportLine({ externalId: 'x', name: 'X' });
    expect(minimal).toEqual({
      record: expect.objectContaining({ externalId: 'x', name: 'X', creditCode: null, profile: expect.objectContaining({ capabilities: [] }) }),
    });
  });

  it('refuses text Postgres cannot store (NUL, lone surrogates) anywhere in the line, and an employee count no column holds', () => {
    for (const line of [
      { externalId: 'x', name: 'A\u0000' },
      { externalId: 'x', name: 'A', pastProjects: [{ title: 't', description: 'd\uD800', year: 2020 }] },
      { externalId: 'x', name: 'A', capabilities: ['\uDC00'] },
      { externalId: 'x', name: 'A', ['k\u0000']: 1 },
    ]) {
      const result = parseEnterpriseImportLine(line);
      expect('errors' in result && result.errors.join(' ')).toMatch(/NUL characters or lone surrogates/);
    }
    const tooMany = parseEnterpriseImportLine({ externalId: 'x', name: 'A', employeeCount: 3_000_000_000 });
    expect('errors' in tooMany && tooMany.errors).toEqual(['employeeCount: must be a whole number from 0 to 10,000,000']);
    expect('record' in parseEnterpriseImportLine({ externalId: 'x', name: '𠜎😀', employeeCount: 10_000_000 })).toBe(true);
  });

  it('lists every problem of a bad line', () => {
    const result = parseEnterpriseImportLine({ name: '', creditCode: '91350100M000100Y44', size: 'huge', extra: 1, pastProjects: [{ title: 't', year: 'x' }] });
    expect('errors' in result).toBe(true);
    const errors = 'errors' in result ? result.errors.join(' | ') : '';
    for (const fragment of ['externalId: required', 'name:', 'creditCode:', 'size:', 'extra: unknown field', 'pastProjects.0.year']) {
      expect(errors).toContain(fragment);
    }
  });

  it('rejects what is not an object', () => {
    expect(parseEnterpriseImportLine([1])).toEqual({ errors: ['the line must be a JSON object'] });
    expect(parseEnterpriseImportLine('x')).toEqual({ errors: ['the line must be a JSON object'] });
  });
});
