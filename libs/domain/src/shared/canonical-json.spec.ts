import { canonicalJson, sha256Hex } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for objects whose keys were inserted in another order', () => {
    const one = { title: '伺服', kpis: [{ id: 'k1', target: '0.01' }], price: 5 };
    const other = { price: 5, kpis: [{ target: '0.01', id: 'k1' }], title: '伺服' };

    expect(canonicalJson(other)).toBe(canonicalJson(one));
  });

  it('keeps array order (it is meaningful)', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops undefined members and writes undefined array entries as null, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('writes dates as ISO strings and primitives as JSON', () => {
    expect(canonicalJson({ at: new Date('2030-03-01T08:00:00.000Z') })).toBe('{"at":"2030-03-01T08:00:00.000Z"}');
    expect(canonicalJson('引号"')).toBe('"引号\\""');
    expect(canonicalJson(12.5)).toBe('12.5');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
  });

  it('is valid JSON that parses back to the same value', () => {
    const value = { z: [1, 'two', { x: null }], a: { nested: { deeper: '揭榜' } } };

    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe('sha256Hex', () => {
  it('hashes UTF-8 text to lower-case hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('揭榜')).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256Hex('揭榜')).not.toBe(sha256Hex('挂帅'));
  });
});
