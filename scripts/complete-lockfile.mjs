#!/usr/bin/env node
/**
 * The npm registry reachable from our build machines does not serve other platforms' prebuilt binaries
 * (e.g. @node-rs/jieba-darwin-arm64), so `npm install` leaves them out of package-lock.json and `npm ci` then
 * rejects the lock ("Missing: … from lock file"). This adds a stub entry (version, optional, os/cpu/libc) for
 * every missing platform-specific optional dependency; npm skips them on other platforms exactly as it would
 * with full entries. Run after `npm install`: `node scripts/complete-lockfile.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openbsd', 'sunos', 'aix', 'netbsd', 'openharmony'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'riscv64', 'ppc64', 's390x', 'loong64', 'wasm32', 'mips64el'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OS.find((o) => parts.includes(o));
  const cpu = CPU.find((c) => parts.includes(c) || (c === 'arm' && parts.includes('armv7') ) || (c === 'arm' && parts.includes('arm')));
  const libc = parts.includes('musl') ? 'musl' : parts.includes('gnu') || parts.includes('gnueabihf') ? 'glibc' : undefined;
  return { os, cpu: cpu ?? (parts.includes('universal') ? undefined : undefined), libc, wasm: parts.includes('wasm32') };
}

let added = 0;
for (const [location, meta] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${dep}`;
    if (packages[nested] || packages[`node_modules/${dep}`]) continue;
    const { os, cpu, libc, wasm } = platformOf(dep);
    if (!os && !cpu && !wasm) continue; // not a platform binary: leave it to npm
    const version = String(range).replace(/^[\^~=]/, '');
    const entry = { version, optional: true };
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    if (libc) entry.libc = [libc];
    if (wasm) entry.cpu = ['wasm32'];
    packages[`node_modules/${dep}`] = entry;
    added += 1;
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform stub entr${added === 1 ? 'y' : 'ies'}`);
