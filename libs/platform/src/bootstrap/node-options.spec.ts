import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NODE_OPTIONS, serviceProcessEnv } from './node-options';

describe('the services’ Node options', () => {
  it('are the ones the Docker image sets', () => {
    const dockerfile = readFileSync(join(__dirname, '../../../../docker/Dockerfile'), 'utf8');
    const set = [...dockerfile.matchAll(/^ENV NODE_OPTIONS=(.*)$/gm)].map((m) => m[1].trim());
    expect(set).toEqual([SERVICE_NODE_OPTIONS]);
  });

  it('apply when NODE_OPTIONS is unset, and yield to an operator’s value, even an empty one', () => {
    expect(serviceProcessEnv({ A: '1' })).toEqual({ A: '1', NODE_OPTIONS: SERVICE_NODE_OPTIONS });
    expect(serviceProcessEnv({ NODE_OPTIONS: '--max-old-space-size=512' }).NODE_OPTIONS).toBe('--max-old-space-size=512');
    expect(serviceProcessEnv({ NODE_OPTIONS: '' }).NODE_OPTIONS).toBe('');
  });

  it('are accepted by this Node in NODE_OPTIONS', () => {
    const out = execFileSync(process.execPath, ['-e', 'process.stdout.write("ok")'], { env: { NODE_OPTIONS: SERVICE_NODE_OPTIONS } });
    expect(out.toString()).toBe('ok');
  });
});
