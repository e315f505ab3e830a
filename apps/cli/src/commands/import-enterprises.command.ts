import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { EnterpriseImporter, ImportSummary } from '@jiebang/domain';
import { AppConfig, ndjsonLines } from '@jiebang/platform';
import { CliModule } from '../cli.module';

/** A file as a stream of text: gunzipped when it ends in .gz; `onBytes` reports bytes read from disk. */
export function openTextFile(path: string, onBytes?: (read: number) => void): Readable {
  const file = createReadStream(path);
  let read = 0;
  if (onBytes) file.on('data', (chunk: Buffer | string) => onBytes((read += chunk.length)));
  return path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
}

/**
 * `npm run cli -- import-enterprises FILE[.gz]`: the same import as POST /api/v1/admin/enterprises/import
 * (DATA.md format), with a progress bar. Prints the summary and every failed line.
 */
export async function importEnterprises(config: AppConfig, path: string): Promise<ImportSummary> {
  const total = statSync(path).size;
  const bar = new SingleBar(
    { format: 'import [{bar}] {percentage}% | {lines} lines | {created} created, {updated} updated, {failed} failed', stream: process.stderr },
    Presets.shades_classic,
  );
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
  bar.start(total, 0, { lines: 0, created: 0, updated: 0, failed: 0 });
  try {
    const stream = openTextFile(path, (read) => bar.update(read));
    const summary = await app.get(EnterpriseImporter).importLines(ndjsonLines(stream, Number.MAX_SAFE_INTEGER), (s, lines) =>
      bar.update({ lines, created: s.created, updated: s.updated, failed: s.failed.length }),
    );
    bar.update(total, { created: summary.created, updated: summary.updated, failed: summary.failed.length });
    bar.stop();
    console.log(`imported ${path}: ${summary.created} created, ${summary.updated} updated, ${summary.failed.length} failed`);
    for (const failure of summary.failed.slice(0, 50)) console.log(`  line ${failure.line}: ${failure.errors.join('; ')}`);
    if (summary.failed.length > 50) console.log(`  … and ${summary.failed.length - 50} more failed lines`);
    return summary;
  } finally {
    bar.stop();
    await app.close();
  }
}
