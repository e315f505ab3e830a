import { isValidIndustryCode } from './industry-code';

describe('isValidIndustryCode', () => {
  it.each(['C', 'C39', 'C391', 'C3911', 'A01', 'A0511', 'I65', 'I6513', 'K70', 'M7320', 'S96', 'T97', 'T9700'])(
    'accepts %s',
    (code) => {
      expect(isValidIndustryCode(code)).toBe(true);
    },
  );

  it.each(['c39', 'U', 'Z01', 'C3', 'C39111', '39', 'C-39', 'C39 ', ' C39', ''])('rejects the malformed %s', (code) => {
    expect(isValidIndustryCode(code)).toBe(false);
  });

  it.each(['C01', 'C12', 'C44', 'A06', 'I62', 'I66', 'K71', 'T98', 'S90'])(
    'rejects %s whose division is outside its section',
    (code) => {
      expect(isValidIndustryCode(code)).toBe(false);
    },
  );
});
