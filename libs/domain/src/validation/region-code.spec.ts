import { isValidRegionCode, isValidRegionPrefix, PROVINCE_CODES } from './region-code';

describe('isValidRegionCode', () => {
  it.each(['110000', '110105', '350100', '350203', '650102', '710000', '810000', '820000'])('accepts %s', (code) => {
    expect(isValidRegionCode(code)).toBe(true);
  });

  it.each(['000000', '100000', '160101', '240000', '380000', '470000', '550000', '660000', '700000', '990000'])(
    'rejects the unknown province in %s',
    (code) => {
      expect(isValidRegionCode(code)).toBe(false);
    },
  );

  it.each(['35010', '3501000', '35', 'abcdef', '35O100', ' 350100', '350100 ', '３５０１００', ''])(
    'rejects the malformed %s',
    (code) => {
      expect(isValidRegionCode(code)).toBe(false);
    },
  );

  it('knows all 34 province-level codes', () => {
    expect(PROVINCE_CODES.size).toBe(34);
  });
});

describe('isValidRegionPrefix', () => {
  it.each(['35', '3502', '350203', '11', '82'])('accepts %s', (prefix) => {
    expect(isValidRegionPrefix(prefix)).toBe(true);
  });

  it.each(['3', '350', '35020', '3502031', '00', '0000', '99', '', 'ab'])('rejects %s', (prefix) => {
    expect(isValidRegionPrefix(prefix)).toBe(false);
  });
});
