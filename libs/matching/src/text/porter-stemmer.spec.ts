import { porterStem } from './porter-stemmer';

describe('porterStem', () => {
  // Examples from Porter (1980) and the reference implementation's vocabulary, run through all steps.
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['ties', 'ti'],
    ['caress', 'caress'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['bled', 'bled'],
    ['motoring', 'motor'],
    ['sing', 'sing'],
    ['conflated', 'conflat'],
    ['troubled', 'troubl'],
    ['sized', 'size'],
    ['hopping', 'hop'],
    ['tanned', 'tan'],
    ['falling', 'fall'],
    ['hissing', 'hiss'],
    ['fizzed', 'fizz'],
    ['failing', 'fail'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['sky', 'sky'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['rational', 'ration'],
    ['digitizer', 'digit'],
    ['generalizations', 'gener'],
    ['oscillators', 'oscil'],
    ['hopeful', 'hope'],
    ['goodness', 'good'],
    ['adjustable', 'adjust'],
    ['adjustment', 'adjust'],
    ['adoption', 'adopt'],
    ['electrical', 'electr'],
    ['probate', 'probat'],
    ['rate', 'rate'],
    ['cease', 'ceas'],
    ['controlling', 'control'],
    ['controller', 'control'],
    ['running', 'run'],
    ['analogous', 'analog'],
    ['archaeology', 'archaeolog'],
  ])('%s → %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it('conflates inflections of the same word', () => {
    const stems = ['connect', 'connected', 'connecting', 'connection', 'connections'].map(porterStem);
    expect(new Set(stems)).toEqual(new Set(['connect']));
    expect(porterStem('manufacturing')).toBe(porterStem('manufacture'));
    expect(porterStem('motors')).toBe(porterStem('motor'));
  });

  it('leaves short words and anything that is not [a-z]+ unchanged', () => {
    expect(porterStem('is')).toBe('is');
    expect(porterStem('as')).toBe('as');
    expect(porterStem('5g')).toBe('5g');
    expect(porterStem('opc-ua')).toBe('opc-ua');
    expect(porterStem('Motors')).toBe('Motors');
    expect(porterStem('')).toBe('');
  });

  it('is idempotent on typical stems', () => {
    for (const word of ['servo', 'motor', 'control', 'sensor', 'vision', 'gan', 'sic']) {
      expect(porterStem(porterStem(word))).toBe(porterStem(word));
    }
  });
});
