import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isGzipFile, NdjsonLine, readNdjsonFile } from './ndjson-file';

const dir = mkdtempSync(join(tmpdir(), 'ndjson-'));
const CONTENT = '\uFEFF{"a":1}\r\n\r\n   \n{"b":[2]}\nnot json\n{"c":"中文"}';
const EXPECTED: NdjsonLine[] = [
  { line: 1, value: { a: 1 } },
  { line: 4, value: { b: [2] } },
  { line: 5, error: expect.stringContaining('invalid JSON') as unknown as string },
  { line: 6, value: { c: '中文' } },
];

async function collect(path: string, onBytes?: (read: number, total: number) => void): Promise<NdjsonLine[]> {
  const lines: NdjsonLine[] = [];
  for await (const line of readNdjsonFile(path, onBytes)) lines.push(line);
  return lines;
}

describe('readNdjsonFile', () => {
  it('streams a plain file: lines counted from 1, blank lines skipped, BOM and CRLF handled, bad JSON reported', async () => {
    const path = join(dir, 'plain.jsonl');
    writeFileSync(path, CONTENT);
    expect(await isGzipFile(path)).toBe(false);
    expect(await collect(path)).toEqual(EXPECTED);
  });

  it('reads gzip by extension and by magic bytes, reporting progress in stored bytes', async () => {
    const compressed = gzipSync(Buffer.from(CONTENT, 'utf8'));
    const byExtension = join(dir, 'data.jsonl.gz');
    const byMagic = join(dir, 'data.ndjson');
    writeFileSync(byExtension, compressed);
    writeFileSync(byMagic, compressed);
    expect(await isGzipFile(byMagic)).toBe(true);
    const progress: Array<[number, number]> = [];
    expect(await collect(byExtension, (read, total) => progress.push([read, total]))).toEqual(EXPECTED);
    expect(await collect(byMagic)).toEqual(EXPECTED);
    expect(progress.at(-1)).toEqual([compressed.length, compressed.length]);
  });

  it('yields nothing for an empty file and throws for a missing one', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    expect(await collect(empty)).toEqual([]);
    await expect(collect(join(dir, 'missing.jsonl'))).rejects.toThrow(/ENOENT/);
  });

  it('fails loudly on corrupt gzip data', async () => {
    const corrupt = join(dir, 'corrupt.jsonl.gz');
    writeFileSync(corrupt, Buffer.concat([gzipSync(Buffer.from('{"a":1}\n'.repeat(1000))).subarray(0, 40), Buffer.from('garbage')]));
    await expect(collect(corrupt)).rejects.toThrow();
  });
});
