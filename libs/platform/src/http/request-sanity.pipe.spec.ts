import { ValidationFailedError } from '@jiebang/domain';
import { MAX_JSON_DEPTH, RequestSanityPipe } from './request-sanity.pipe';

class SomeDto {
  title?: string;
}

describe('RequestSanityPipe', () => {
  const pipe = new RequestSanityPipe();
  const body = { type: 'body' as const, metatype: SomeDto };

  it('passes ordinary input through unchanged', () => {
    const value = { title: '伺服', kpis: [{ name: 'a' }] };
    expect(pipe.transform(value, body)).toBe(value);
    expect(pipe.transform('abc', { type: 'query', data: 'q', metatype: String })).toBe('abc');
  });

  it('names the field that holds a NUL character', () => {
    expect(() => pipe.transform({ kpis: [{ name: 'a\u0000b' }] }, body)).toThrow(ValidationFailedError);
    try {
      pipe.transform({ kpis: [{ name: 'a\u0000b' }] }, body);
    } catch (error) {
      expect((error as ValidationFailedError).errors).toEqual([{ field: 'kpis.0.name', message: expect.stringContaining('NUL') }]);
    }
    expect(() => pipe.transform('x\u0000', { type: 'query', data: 'q', metatype: String })).toThrow(ValidationFailedError);
  });

  it('names the field that holds a lone surrogate, and keeps surrogate pairs', () => {
    for (const text of ['\uD800', 'a\uDFFFb', '\uDBFF\uDBFF', '\uDC00\uD800']) {
      try {
        pipe.transform({ kpis: [{ name: text }] }, body);
        throw new Error(`accepted ${JSON.stringify(text)}`);
      } catch (error) {
        expect((error as ValidationFailedError).errors).toEqual([{ field: 'kpis.0.name', message: expect.stringContaining('surrogate') }]);
      }
    }
    expect(() => pipe.transform({ ['k\uD800']: 1 }, body)).toThrow(ValidationFailedError);
    expect(pipe.transform({ title: '😀𠜎 \uD83D\uDE00' }, body)).toEqual({ title: '😀𠜎 😀' });
  });

  it('refuses deep nesting without recursing (100,000 levels)', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i += 1) deep = { a: deep };
    expect(() => pipe.transform({ title: deep }, body)).toThrow(`deeper than ${MAX_JSON_DEPTH}`);
    let ok: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH - 2; i += 1) ok = { a: ok };
    expect(() => pipe.transform({ title: ok }, body)).not.toThrow();
  });

  it('refuses a body that is not an object where a DTO is expected', () => {
    for (const value of [null, [], 'text', 3]) expect(() => pipe.transform(value, body)).toThrow('must be a JSON object');
    expect(pipe.transform(null, { type: 'body', metatype: Object })).toBeNull();
  });
});
