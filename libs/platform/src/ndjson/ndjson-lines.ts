import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { DomainError } from '@jiebang/domain';

export class PayloadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE' as const;
}

export interface NdjsonLine {
  line: number;
  value?: unknown;
  error?: string;
}

/**
 * Reads NDJSON from a stream line by line without buffering it whole: each non-blank line is parsed on its
 * own (a bad line yields `error`, numbered from 1), and more than `maxBytes` aborts with 413.
 */
export async function* ndjsonLines(input: Readable, maxBytes: number): AsyncGenerator<NdjsonLine> {
  let bytes = 0;
  let tooLarge = false;
  input.on('data', (chunk: Buffer | string) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > maxBytes && !tooLarge) {
      tooLarge = true;
      input.destroy();
    }
  });
  const reader = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of reader) {
      line += 1;
      if (tooLarge) break;
      if (text.trim() === '') continue;
      try {
        yield { line, value: JSON.parse(text) as unknown };
      } catch {
        yield { line, error: 'not valid JSON' };
      }
    }
  } catch (error) {
    if (!tooLarge) throw error;
  } finally {
    reader.close();
  }
  if (tooLarge) throw new PayloadTooLargeError(`The upload is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB.`);
}
