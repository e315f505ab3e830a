/**
 * Summarizes a V8 CPU profile (`--cpu-prof`, e.g. the worker's from `npm run bench:queue -- --profile-worker`):
 * self time by package or library, the top functions by self time, and the inclusive time of chosen functions.
 *
 *   node -r ./bench/register.js bench/queue-profile.ts test-artifacts/bench/profiles/<file>.cpuprofile [--top 25] [--focus assessBid,saveAssessment] [--callers writev]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a library of the repository, node itself, or V8's pseudo-frames. */
export function category(url: string, functionName: string): string {
  if (!url) return functionName || '(anonymous)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const repo = /\/(libs|apps)\/([^/]+)\//.exec(url);
  if (repo) return `${repo[1]}/${repo[2]}`;
  if (url.includes('bench/register.js')) return 'bench/register.js (compiling on load)';
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

export function summarize(profile: Profile, top: number, focus: string[], callersOf: string[] = []): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const busy = total - [...selfUs.entries()].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;

  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    const cat = category(frame.url, frame.functionName);
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + us);
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|libs|apps)\//, '$1/')}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  // Inclusive time of focused functions: every sample whose stack contains the function (counted once per sample).
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>(focus.map((f) => [f, 0]));
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)!.callFrame.functionName;
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, inclusive.get(name)! + (profile.timeDeltas[i] ?? 0));
      }
    }
  });

  // Who calls the given leaf functions: the nearest frame outside node's internals, by package and function.
  const callers = new Map<string, Map<string, number>>(callersOf.map((f) => [f, new Map()]));
  profile.samples.forEach((id, i) => {
    const leaf = byId.get(id)!.callFrame.functionName;
    const tally = callers.get(leaf);
    if (!tally) return;
    let at = parent.get(id);
    while (at !== undefined) {
      const frame = byId.get(at)!.callFrame;
      if (frame.url && !frame.url.startsWith('node:')) break;
      at = parent.get(at);
    }
    const frame = at === undefined ? null : byId.get(at)!.callFrame;
    const key = frame ? `${category(frame.url, frame.functionName)} ${frame.functionName || '(anonymous)'}` : '(none)';
    tally.set(key, (tally.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });

  const lines = [`profile ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s, busy (not idle) ${(busy / 1e6).toFixed(1)} s; shares of busy time`, 'self time by package / library:'];
  for (const [cat, us] of [...byCategory.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) lines.push(`  ${pct(us)}  ${cat}`);
  lines.push(`top ${top} functions by self time:`);
  for (const [fn, us] of [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${fn}`);
  if (focus.length) {
    lines.push('inclusive time:');
    for (const [fn, us] of inclusive) lines.push(`  ${pct(us)}  ${fn}`);
  }
  for (const [fn, tally] of callers) {
    lines.push(`callers of ${fn} (nearest frame outside node internals):`);
    for (const [key, us] of [...tally.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)) lines.push(`  ${pct(us)}  ${key}`);
  }
  return lines;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const file = args.find((a) => a.endsWith('.cpuprofile'));
  if (!file) {
    console.error('usage: queue-profile.ts <file.cpuprofile> [--top 25] [--focus fnA,fnB] [--callers fnC]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  summarize(profile, Number(option('--top') ?? 25), option('--focus')?.split(',') ?? [], option('--callers')?.split(',') ?? []).forEach((l) => console.log(l));
}
