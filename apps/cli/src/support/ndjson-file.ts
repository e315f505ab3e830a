import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** One line of an NDJSON file: its parsed value, or why it could not be parsed. Lines count from 1. */
export interface NdjsonLine {
  line: number;
  value?: unknown;
  error?: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Whether the file is gzip-compressed: by its `.gz` extension or its first two bytes. */
export async function isGzipFile(path: string): Promise<boolean> {
  if (path.toLowerCase().endsWith('.gz')) return true;
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/**
 * Streams an NDJSON file (plain or gzip) line by line without loading it: yields `{ line, value }` for every
 * non-blank line, or `{ line, error }` when a line is not valid JSON (never throws for a bad line; it does
 * throw when the file cannot be read or the gzip data is corrupt). Line numbers count every physical line
 * from 1, blank ones included, so they match an editor's. A leading byte-order mark is ignored.
 * `onBytes(read, total)` reports progress in bytes of the file as stored (compressed bytes for gzip).
 */
export async function* readNdjsonFile(
  path: string,
  onBytes?: (read: number, total: number) => void,
): AsyncIterable<NdjsonLine> {
  const total = (await stat(path)).size;
  const gzip = await isGzipFile(path);
  const raw = createReadStream(path);
  let read = 0;
  if (onBytes) {
    raw.on('data', (chunk: Buffer | string) => {
      read += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      onBytes(read, total);
    });
  }
  let input: Readable = raw;
  if (gzip) {
    const gunzip = createGunzip();
    raw.on('error', (error) => gunzip.destroy(error));
    input = raw.pipe(gunzip);
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      const content = line === 1 ? text.replace(/^\uFEFF/u, '') : text;
      if (content.trim().length === 0) continue;
      try {
        yield { line, value: JSON.parse(content) as unknown };
      } catch (error) {
        yield { line, error: `invalid JSON: ${(error as Error).message}` };
      }
    }
  } finally {
    lines.close();
    raw.destroy();
  }
}
