import { Readable } from 'node:stream';
import { ndjsonLines, NdjsonLine } from './ndjson-lines';

async function collect(text: string | string[], maxBytes = 1024 * 1024): Promise<NdjsonLine[]> {
  const out: NdjsonLine[] = [];
  for await (const line of ndjsonLines(Readable.from(Array.isArray(text) ? text : [text]), maxBytes)) out.push(line);
  return out;
}

describe('ndjsonLines', () => {
  it('numbers lines from 1, skips blank lines and reports bad JSON per line', async () => {
    expect(await collect('{"a":1}\n\n{bad\r\n{"b":"中文"}\n')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, error: 'not valid JSON' },
      { line: 4, value: { b: '中文' } },
    ]);
  });

  it('joins lines split across chunks, including inside a multi-byte character', async () => {
    const bytes = Buffer.from('{"name":"伺服"}\n', 'utf8');
    const out: NdjsonLine[] = [];
    for await (const line of ndjsonLines(Readable.from([bytes.subarray(0, 11), bytes.subarray(11)]), 1000)) out.push(line);
    expect(out).toEqual([{ line: 1, value: { name: '伺服' } }]);
  });

  it('aborts with 413 beyond the byte limit', async () => {
    await expect(collect(Array.from({ length: 100 }, () => '{"x":"0123456789"}\n'), 500)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
