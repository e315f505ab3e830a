import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
  makeCreditCode,
  organizationCodeCheckCharacter,
} from './credit-code';

// Published codes: the project docs' example, 华为技术有限公司, 深圳市腾讯计算机系统有限公司,
// 阿里巴巴（中国）有限公司, 小米科技有限责任公司.
const REAL_CODES = [
  '91350100M000100Y43',
  '914403001922038216',
  '91440300708461136T',
  '91330100799655058B',
  '91110108551385082Q',
];

describe('isValidCreditCode', () => {
  it.each(REAL_CODES)('accepts the published code %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check-character');
  });

  it('rejects every single-character substitution of a valid code', () => {
    const code = REAL_CODES[0]!;
    for (let position = 0; position < 18; position++) {
      for (const replacement of CREDIT_CODE_CHARSET) {
        if (replacement === code[position]) continue;
        const mutated = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(isValidCreditCode(mutated)).toBe(false);
      }
    }
  });

  it('rejects lower case, forbidden letters, wrong lengths and non-digit regions', () => {
    expect(creditCodeProblem('91350100m000100y43')).toBe('charset');
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(creditCodeProblem(`91350100${letter}000100Y43`)).toBe('charset');
    }
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100Y433')).toBe('length');
    expect(creditCodeProblem('')).toBe('length');
    expect(creditCodeProblem(' 91350100M000100Y4')).toBe('charset');
    expect(creditCodeProblem('9135A100M000100Y43')).toBe('region');
    expect(creditCodeProblem(91350100)).toBe('not-a-string');
    expect(creditCodeProblem(null)).toBe('not-a-string');
    expect(creditCodeProblem(REAL_CODES[0])).toBeNull();
  });
});

describe('creditCodeCheckCharacter', () => {
  it('computes the 18th character of published codes', () => {
    for (const code of REAL_CODES) expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it('returns null for malformed input', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y')).toBeNull();
    expect(creditCodeCheckCharacter('91350100M000100Y43')).toBeNull();
    expect(creditCodeCheckCharacter('91350100I000100Y4')).toBeNull();
  });

  it('maps a zero remainder to 0', () => {
    // sum ≡ 0 (mod 31) when every character is 0
    expect(creditCodeCheckCharacter('0'.repeat(17))).toBe('0');
  });
});

describe('organizationCodeCheckCharacter', () => {
  it('computes the GB 11714 check character of real organization codes', () => {
    expect(organizationCodeCheckCharacter('M000100Y')).toBe('4');
    expect(organizationCodeCheckCharacter('19220382')).toBe('1');
    expect(organizationCodeCheckCharacter('70846113')).toBe('6');
  });

  it('returns null for malformed input', () => {
    expect(organizationCodeCheckCharacter('m000100y')).toBeNull();
    expect(organizationCodeCheckCharacter('M000100')).toBeNull();
  });
});

describe('makeCreditCode', () => {
  it('produces valid, deterministic, distinct codes', () => {
    const codes = Array.from({ length: 500 }, (_, seq) => makeCreditCode(seq));
    for (const code of codes) expect(isValidCreditCode(code)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(makeCreditCode(42)).toBe(makeCreditCode(42));
    const last = makeCreditCode(99_999_999, '110105');
    expect(last.startsWith('9111010599999999')).toBe(true);
    expect(isValidCreditCode(last)).toBe(true);
  });

  it('embeds the region and a checked organization code', () => {
    const code = makeCreditCode(1234, '350203');
    expect(code.slice(0, 8)).toBe('91350203');
    expect(code.slice(8, 16)).toBe('00001234');
    expect(organizationCodeCheckCharacter(code.slice(8, 16))).toBe(code[16]);
    expect(makeCreditCode(1234, '110105')).not.toBe(code);
  });

  it('rejects sequences and regions it cannot encode', () => {
    expect(() => makeCreditCode(-1)).toThrow(RangeError);
    expect(() => makeCreditCode(1.5)).toThrow(RangeError);
    expect(() => makeCreditCode(100_000_000)).toThrow(RangeError);
    expect(() => makeCreditCode(1, '3501')).toThrow(RangeError);
  });
});
