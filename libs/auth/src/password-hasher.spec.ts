import { loadConfig } from '@jiebang/platform';
import { PasswordHasher } from './password-hasher';

/** QUALITY.md "Security": passwords hashed with Argon2id, ≥ 19 MiB of memory, t ≥ 2; the cheap test profile never in production. */
describe('PasswordHasher', () => {
  const parameters = (hash: string) => {
    const match = /^\$(argon2(?:id|i|d))\$v=(\d+)\$([a-z=0-9,]+)\$/.exec(hash);
    if (!match) throw new Error(`not a PHC argon2 string: ${hash}`);
    const params = Object.fromEntries(match[3].split(',').map((kv) => kv.split('=')));
    return { type: match[1], version: Number(match[2]), memoryKiB: Number(params.m), time: Number(params.t), parallelism: Number(params.p) };
  };

  it('hashes with Argon2id at ≥ 19 MiB and t ≥ 2 by default (the standard profile)', async () => {
    const hasher = new PasswordHasher(loadConfig({}));
    const hash = await hasher.hash('correct horse battery staple');
    const p = parameters(hash);
    expect(p.type).toBe('argon2id');
    expect(p.version).toBe(19);
    expect(p.memoryKiB).toBeGreaterThanOrEqual(19 * 1024);
    expect(p.time).toBeGreaterThanOrEqual(2);
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery stapl')).toBe(false);
  });

  it('salts every hash, and a malformed stored hash verifies as false (never throws)', async () => {
    const hasher = new PasswordHasher(loadConfig({ PASSWORD_HASH_PROFILE: 'fast' }));
    const [a, b] = await Promise.all([hasher.hash('same-password-1'), hasher.hash('same-password-1')]);
    expect(a).not.toBe(b);
    expect(parameters(a).type).toBe('argon2id');
    expect(await hasher.verify('not-a-hash', 'same-password-1')).toBe(false);
  });

  it('the cheap profile is refused in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PASSWORD_HASH_PROFILE: 'fast' })).toThrow(/PASSWORD_HASH_PROFILE=fast/);
  });
});
