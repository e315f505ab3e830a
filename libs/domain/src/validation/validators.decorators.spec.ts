import { validate } from 'class-validator';
import { makeCreditCode } from './credit-code';
import { IsCreditCode, IsDateTime, IsIndustryCode, IsRegionCode, IsRegionPrefix } from './validators.decorators';

class RegisterOrganizationDto {
  @IsCreditCode()
  creditCode!: unknown;

  @IsRegionCode()
  region!: unknown;

  @IsIndustryCode()
  industry!: unknown;
}

class EligibilityDto {
  @IsRegionPrefix({ each: true })
  regions!: unknown;

  @IsCreditCode({ each: true })
  affiliations!: unknown;
}

function organization(overrides: Partial<RegisterOrganizationDto>): RegisterOrganizationDto {
  return Object.assign(new RegisterOrganizationDto(), {
    creditCode: '91350100M000100Y43',
    region: '350100',
    industry: 'C3911',
    ...overrides,
  });
}

async function messages(dto: object): Promise<Record<string, string[]>> {
  const errors = await validate(dto);
  return Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
}

describe('validation decorators', () => {
  it('accept valid values', async () => {
    expect(await validate(organization({}))).toEqual([]);
    expect(await validate(organization({ creditCode: makeCreditCode(7), industry: 'C' }))).toEqual([]);
  });

  it('tell a wrong check character from a malformed credit code', async () => {
    expect(await messages(organization({ creditCode: '91350100M000100Y44' }))).toEqual({
      creditCode: ['creditCode must be a valid 统一社会信用代码 (check character mismatch)'],
    });
    expect(await messages(organization({ creditCode: '91350100M000100Y4' }))).toEqual({
      creditCode: ['creditCode must be a valid 统一社会信用代码 (18 characters expected, got 17)'],
    });
    expect(await messages(organization({ creditCode: '91350100m000100y43' }))).toEqual({
      creditCode: [
        'creditCode must be a valid 统一社会信用代码 (only digits and upper-case letters except I, O, Z, S, V are allowed)',
      ],
    });
    expect(await messages(organization({ creditCode: 123 }))).toEqual({
      creditCode: ['creditCode must be a valid 统一社会信用代码 (a string is expected)'],
    });
  });

  it('reject bad region and industry codes with their own messages', async () => {
    expect(await messages(organization({ region: '990000', industry: 'C01' }))).toEqual({
      region: ['region must be a 6-digit GB/T 2260 region code with a valid province code (e.g. 350203)'],
      industry: [
        'industry must be a GB/T 4754-2017 industry code: a section letter A–T, optionally followed by a ' +
          '2-, 3- or 4-digit code within that section (e.g. C, C39, C391, C3911)',
      ],
    });
  });

  it('validate each element of a list', async () => {
    const valid = Object.assign(new EligibilityDto(), {
      regions: ['35', '3502', '350203'],
      affiliations: [makeCreditCode(1), makeCreditCode(2)],
    });
    expect(await validate(valid)).toEqual([]);

    const invalid = Object.assign(new EligibilityDto(), {
      regions: ['35', '350'],
      affiliations: [makeCreditCode(1), '91350100M000100Y44'],
    });
    expect(await messages(invalid)).toEqual({
      regions: [
        'each value in regions must be a GB/T 2260 region code prefix of 2, 4 or 6 digits with a valid ' +
          'province code (e.g. 35, 3502, 350203)',
      ],
      affiliations: ['each value in affiliations must be a valid 统一社会信用代码 (check character mismatch)'],
    });
  });

  it('accept only date-times that Date reads as a real instant', async () => {
    class Deadline {
      @IsDateTime()
      at!: unknown;
    }
    const check = async (at: unknown) => messages(Object.assign(new Deadline(), { at }));
    for (const at of ['2030-06-30T16:00:00Z', '2030-06-30T16:00:00.123456Z', '2030-06-30T16:00:00.5+08:00', '2030-06-30T16:00:00-0230']) {
      expect(await check(at)).toEqual({});
    }
    for (const at of ['20300630T160000Z', '2030-W26-7', '2030-W26-7T10:00:00Z', '2030-06-30T16', '2030-06-30T16:00:00,5Z', '2030-06-30T16:00:00+08', '2030-02-30T00:00:00Z', '2030-06-30T24:00:00Z', 'tomorrow', 1_900_000_000_000]) {
      expect(await check(at)).toEqual({ at: ['at must be an ISO 8601 date-time such as 2030-06-30T16:00:00Z'] });
    }
  });

  it('honour a custom message', async () => {
    class Dto {
      @IsRegionCode({ message: 'bad region' })
      region = '12345';
    }
    expect(await messages(new Dto())).toEqual({ region: ['bad region'] });
  });
});
