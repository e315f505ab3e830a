/**
 * Where a `.cpuprofile` (node --cpu-prof) spent its time: self time by package (node_modules/<package>, the
 * repository's own apps/libs, Node internals, GC, idle) and the top functions by self time.
 *
 *   node bench/support/cpu-profile-summary.js bench/results/profiles/<file>.cpuprofile [--top 25] [--match <regexp>]
 *
 * `--match` adds the inclusive time of the functions whose "name package file:line" matches.
 */
const fs = require('node:fs');

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/support/cpu-profile-summary.js <file.cpuprofile> [--top N]');
  process.exit(2);
}
const topAt = process.argv.indexOf('--top');
const TOP = topAt > 0 ? Number(process.argv[topAt + 1]) : 25;
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
}

function category(frame) {
  const url = frame.url || '';
  if (frame.functionName === '(idle)') return '(idle)';
  if (frame.functionName === '(garbage collector)') return '(garbage collector)';
  if (frame.functionName === '(program)') return '(program)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const repo = url.match(/\/(apps|libs|bench)\/([^/]+)\//);
  if (repo) return `${repo[1]}/${repo[2]}`;
  if (url.startsWith('node:') || url === '') return '(node internals / native)';
  return url;
}

const total = [...self.values()].reduce((a, b) => a + b, 0);
const busy = total - [...self.entries()].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
const byCategory = new Map();
const byFunction = new Map();
for (const [id, time] of self) {
  const frame = byId.get(id).callFrame;
  const cat = category(frame);
  byCategory.set(cat, (byCategory.get(cat) ?? 0) + time);
  const key = `${frame.functionName || '(anonymous)'}  ${cat}${frame.url ? ` ${frame.url.split('/').slice(-1)[0]}:${frame.lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + time);
}
// Inclusive: a sample counts for every package with a frame on its stack.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const onStack = new Map();
function stackCategories(id) {
  if (onStack.has(id)) return onStack.get(id);
  const up = parent.has(id) ? stackCategories(parent.get(id)) : new Set();
  const mine = new Set(up);
  mine.add(category(byId.get(id).callFrame));
  onStack.set(id, mine);
  return mine;
}
const inclusive = new Map();
for (const [id, time] of self) {
  for (const cat of stackCategories(id)) inclusive.set(cat, (inclusive.get(cat) ?? 0) + time);
}
// Inclusive by function (each function once per sample, however deep it recurses).
const fnKey = (frame) =>
  `${frame.functionName || '(anonymous)'}  ${category(frame)}${frame.url ? ` ${frame.url.split('/').slice(-1)[0]}:${frame.lineNumber + 1}` : ''}`;
const inclusiveFn = new Map();
const fnStack = new Map();
function stackFunctions(id) {
  if (fnStack.has(id)) return fnStack.get(id);
  const up = parent.has(id) ? stackFunctions(parent.get(id)) : new Set();
  const mine = new Set(up);
  mine.add(fnKey(byId.get(id).callFrame));
  fnStack.set(id, mine);
  return mine;
}
for (const [id, time] of self) for (const key of stackFunctions(id)) inclusiveFn.set(key, (inclusiveFn.get(key) ?? 0) + time);
const pct = (t, of) => `${((100 * t) / of).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (not idle)\n`);
console.log('self time by package (share of busy time)');
for (const [cat, t] of [...byCategory].sort((a, b) => b[1] - a[1]).filter(([c]) => c !== '(idle)').slice(0, TOP)) {
  console.log(`  ${pct(t, busy)}  ${cat}`);
}
console.log('\ninclusive time by package (a frame of it anywhere on the stack; share of busy time)');
for (const [cat, t] of [...inclusive].sort((a, b) => b[1] - a[1]).filter(([c]) => !c.startsWith('(')).slice(0, TOP)) {
  console.log(`  ${pct(t, busy)}  ${cat}`);
}
const focus = process.argv.indexOf('--match');
if (focus > 0) {
  const pattern = new RegExp(process.argv[focus + 1]);
  console.log(`\ninclusive time of functions matching ${pattern} (share of busy time)`);
  for (const [fn, t] of [...inclusiveFn].filter(([f]) => pattern.test(f)).sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`  ${pct(t, busy)}  ${fn}`);
  }
}
console.log('\ntop functions by self time (share of busy time)');
for (const [fn, t] of [...byFunction].sort((a, b) => b[1] - a[1]).filter(([f]) => !f.startsWith('(idle)')).slice(0, TOP)) {
  console.log(`  ${pct(t, busy)}  ${fn}`);
}
