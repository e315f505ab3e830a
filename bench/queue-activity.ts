/**
 * What the stack was doing during a measurement, for diagnosis: every 100 ms, the benchmark database's sessions
 * from `pg_stat_activity` by application (the apps name their connections `jiebang-<app>`) and state — active,
 * idle in transaction, waiting on a lock — averaged over the samples; and the CPU share each app process used
 * over the window (/proc/<pid>/stat), with the whole machine's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { BenchStack } from './support/stack-processes';
import { sleep } from './queue-stats';

export class Activity {
  private running = true;
  private samples = 0;
  private readonly counts = new Map<string, number>();
  /** Backend pids of the benchmark database's sessions seen while sampling (their CPU is "postgres (ours)"). */
  private readonly backends = new Set<number>();
  private readonly loop: Promise<void>;
  private readonly machineStart = machineCpu();
  private readonly processesStart = processCpu();
  private readonly started = Date.now();

  constructor(private readonly stack: BenchStack) {
    this.loop = this.run();
  }

  private apps() {
    return [this.stack.challenge, this.stack.bidding, this.stack.worker];
  }

  private async run(): Promise<void> {
    while (this.running) {
      const { rows } = await this.stack.db.query(
        `SELECT replace(application_name, 'jiebang-', '') AS app,
                CASE WHEN wait_event_type = 'Lock' THEN 'waiting on a lock (' || wait_event || ')'
                     WHEN state = 'active' THEN 'active' ELSE state END AS what, count(*)::int AS n
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'jiebang-%'
          GROUP BY 1, 2`,
      );
      for (const r of rows) this.counts.set(`${r.app}|${r.what}`, (this.counts.get(`${r.app}|${r.what}`) ?? 0) + r.n);
      const pids = await this.stack.db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
      for (const r of pids.rows) this.backends.add(r.pid);
      this.samples += 1;
      await sleep(100);
    }
  }

  /** "bidding-service: 9.1 active, 6.2 waiting on a lock (tuple) …; CPU bidding-service 92% …". */
  async stop(): Promise<string> {
    this.running = false;
    await this.loop;
    const seconds = (Date.now() - this.started) / 1000;
    const byApp = new Map<string, string[]>();
    for (const [key, n] of [...this.counts.entries()].sort((a, b) => b[1] - a[1])) {
      const [app, what] = key.split('|');
      const mean = n / Math.max(1, this.samples);
      if (mean < 0.05) continue;
      byApp.set(app, [...(byApp.get(app) ?? []), `${mean.toFixed(1)} ${what}`]);
    }
    const sessions = [...byApp.entries()].map(([app, parts]) => `${app}: ${parts.join(', ')}`).join('; ');
    const machine = machineCpu();
    const busy = Math.round((100 * (machine.busy - this.machineStart.busy)) / (machine.total - this.machineStart.total));
    const byCommand = new Map<string, number>();
    const ours = new Map<number, string>([[process.pid, 'load generator (this process)']]);
    for (const app of this.apps()) ours.set(app.pid, app.label.replace(/^queue-/, ''));
    if (this.stack.ownRedis) ours.set(this.stack.ownRedis.pid, 'our redis-server');
    for (const [pid, now] of processCpu()) {
      const used = now.ms - (this.processesStart.get(pid)?.ms ?? 0);
      const postgres = this.backends.has(pid) ? 'postgres (our sessions)' : 'postgres (other sessions, background)';
      const name = ours.get(pid) ?? (now.command === 'postgres' ? postgres : `other: ${now.command}`);
      if (used > 0) byCommand.set(name, (byCommand.get(name) ?? 0) + used);
    }
    const top = [...byCommand.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, ms]) => `${name} ${Math.round((100 * ms) / (seconds * 1000))}%`)
      .join(', ');
    const others = [...byCommand.entries()].filter(([name]) => name.startsWith('other:')).reduce((a, [, ms]) => a + ms, 0);
    const othersShare = (100 * others) / (seconds * 1000);
    const quiet = othersShare > 20 ? `NOT QUIET: other processes used ${Math.round(othersShare)}% of a core; ` : '';
    return `${quiet}Postgres sessions (mean over ${this.samples} samples): ${sessions || 'none'}; machine ${busy}% busy of ${cpus().length} cores; CPU in % of one core: ${top}`;
  }
}

/** CPU ms used so far by every process (/proc/<pid>/stat), with its command (`postgres`, `node`, `redis-server`). */
function processCpu(): Map<number, { command: string; ms: number }> {
  const result = new Map<number, { command: string; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      result.set(Number(entry), { command, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 });
    } catch {
      // exited meanwhile
    }
  }
  return result;
}

/** CPU ms used so far by the processes `keep` selects. */
function cpuMsWhere(keep: (pid: number, command: string) => boolean): number {
  let total = 0;
  for (const [pid, { command, ms }] of processCpu()) if (keep(pid, command)) total += ms;
  return total;
}

/** CPU ms used so far by processes that are neither ours (`ourPids`) nor Postgres: other people's work. */
export function foreignCpuMs(ourPids: Set<number>): number {
  return cpuMsWhere((pid, command) => !ourPids.has(pid) && command !== 'postgres');
}

/** CPU ms used so far by every Postgres process (backends and background workers). */
export function postgresCpuMs(): number {
  return cpuMsWhere((_pid, command) => command === 'postgres');
}

/** Busy and total jiffies of all cores (/proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}
