import { checkEligibility, EligibilityCandidate } from './eligibility';

function candidate(overrides: Partial<EligibilityCandidate> = {}): EligibilityCandidate {
  return { region: '350203', size: 'small', certifications: ['specialized-sme', 'high-tech'], ...overrides };
}

describe('checkEligibility', () => {
  it('has no restrictions when the rules are absent or empty', () => {
    const open = { eligible: true, reasons: [] };
    expect(checkEligibility({}, candidate())).toEqual(open);
    expect(checkEligibility({ regions: [], sizes: [], certifications: [] }, candidate())).toEqual(open);
    expect(checkEligibility({}, { region: null, size: null, certifications: [] })).toEqual(open);
  });

  describe('region', () => {
    it.each([
      ['35', '350203'],
      ['3502', '350203'],
      ['350203', '350203'],
      ['11', '110105'],
    ])('prefix %s admits %s', (prefix, region) => {
      expect(checkEligibility({ regions: [prefix] }, candidate({ region })).eligible).toBe(true);
    });

    it('admits a region matching any of several prefixes', () => {
      expect(checkEligibility({ regions: ['11', '3502'] }, candidate({ region: '350203' })).eligible).toBe(true);
    });

    it('rejects a region outside every prefix, naming both', () => {
      expect(checkEligibility({ regions: ['35', '3502'] }, candidate({ region: '110105' }))).toEqual({
        eligible: false,
        reasons: [{ rule: 'region', message: 'Region 110105 is not within the allowed regions 35, 3502.' }],
      });
      // a city prefix does not admit another city of the same province
      expect(checkEligibility({ regions: ['3502'] }, candidate({ region: '350100' })).eligible).toBe(false);
      // a prefix is matched at the start only
      expect(checkEligibility({ regions: ['02'] }, candidate({ region: '350203' })).eligible).toBe(false);
    });

    it('fails an unknown region', () => {
      for (const region of [null, '', '  ']) {
        expect(checkEligibility({ regions: ['35'] }, candidate({ region })).reasons).toEqual([
          { rule: 'region', message: 'Region is unknown; the allowed regions are 35.' },
        ]);
      }
    });

    it('ignores blank prefixes instead of letting them admit everyone', () => {
      expect(checkEligibility({ regions: ['', ' '] }, candidate({ region: '110105' })).eligible).toBe(true);
      expect(checkEligibility({ regions: ['', '35'] }, candidate({ region: '110105' })).eligible).toBe(false);
    });
  });

  describe('size', () => {
    it('admits a listed size', () => {
      expect(checkEligibility({ sizes: ['micro', 'small'] }, candidate({ size: 'small' })).eligible).toBe(true);
    });

    it('rejects another size, naming both', () => {
      expect(checkEligibility({ sizes: ['micro', 'small'] }, candidate({ size: 'large' })).reasons).toEqual([
        { rule: 'size', message: 'Enterprise size large is not among the allowed sizes micro, small.' },
      ]);
    });

    it('fails an unknown size', () => {
      expect(checkEligibility({ sizes: ['medium'] }, candidate({ size: null })).reasons).toEqual([
        { rule: 'size', message: 'Enterprise size is unknown; the allowed sizes are medium.' },
      ]);
    });
  });

  describe('certifications', () => {
    it('requires every listed certification', () => {
      expect(checkEligibility({ certifications: ['high-tech'] }, candidate()).eligible).toBe(true);
      expect(checkEligibility({ certifications: ['high-tech', 'specialized-sme'] }, candidate()).eligible).toBe(true);
    });

    it('names the missing ones, the required and the held', () => {
      const result = checkEligibility(
        { certifications: ['specialized-sme', 'little-giant', 'tech-sme'] },
        candidate({ certifications: ['specialized-sme'] }),
      );
      expect(result.reasons).toEqual([
        {
          rule: 'certifications',
          message:
            'Missing required certifications little-giant, tech-sme ' +
            '(required: specialized-sme, little-giant, tech-sme; held: specialized-sme).',
        },
      ]);
    });

    it('says when nothing is held', () => {
      expect(
        checkEligibility({ certifications: ['ISO 9001'] }, candidate({ certifications: [] })).reasons[0]?.message,
      ).toBe('Missing required certification ISO 9001 (required: ISO 9001; held: none).');
    });

    it('compares case-insensitively, trimmed and NFKC-normalised', () => {
      expect(
        checkEligibility({ certifications: ['High-Tech', 'ISO 9001'] }, candidate({ certifications: [' high-tech', 'ＩＳＯ 9001'] }))
          .eligible,
      ).toBe(true);
    });
  });

  it('reports every failed rule in the order region, size, certifications', () => {
    const result = checkEligibility(
      { certifications: ['little-giant'], sizes: ['micro'], regions: ['44'] },
      candidate({ region: '350203', size: 'medium', certifications: [] }),
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((reason) => reason.rule)).toEqual(['region', 'size', 'certifications']);
  });

  it('reports only the rules that fail', () => {
    const result = checkEligibility(
      { regions: ['35'], sizes: ['micro'], certifications: ['high-tech'] },
      candidate({ size: 'large' }),
    );
    expect(result.reasons.map((reason) => reason.rule)).toEqual(['size']);
  });

  it('de-duplicates rule entries in messages', () => {
    expect(checkEligibility({ regions: ['35', '35'] }, candidate({ region: '110105' })).reasons[0]?.message).toBe(
      'Region 110105 is not within the allowed regions 35.',
    );
  });
});
