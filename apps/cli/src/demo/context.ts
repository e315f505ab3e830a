import { DemoAccount, DemoAccounts } from './accounts';
import { Api, DemoError, Json, waitFor } from './api';
import { heading } from './text';

/** Everything the demo's stages share. */
export interface DemoContext {
  api: Api;
  accounts: DemoAccounts;
  /** `running`: against a stack found running; `own`: the demo started its own (short publicity period). */
  mode: 'running' | 'own';
  admin: DemoAccount;
  lead: DemoAccount;
  /** SMEs by cast key. */
  smes: Map<string, DemoAccount>;
  /** Reviewers by cast key. */
  reviewers: Map<string, DemoAccount>;
  challenge: Json;
  /** Bids by bidder key, and the bidder key of each bid id. */
  bids: Map<string, Json>;
  bidderOf: Map<string, string>;
  /** Section counter. */
  section: number;
}

export function say(...lines: string[]): void {
  for (const line of lines) console.log(line);
}

export function section(ctx: DemoContext, chinese: string, english: string): void {
  ctx.section += 1;
  say(...heading(ctx.section, chinese, english));
}

export function sme(ctx: DemoContext, key: string): DemoAccount {
  const account = ctx.smes.get(key);
  if (!account) throw new DemoError(`the demo has no SME ${key}`);
  return account;
}

export function reviewer(ctx: DemoContext, key: string): DemoAccount {
  const account = ctx.reviewers.get(key);
  if (!account) throw new DemoError(`the demo has no reviewer ${key}`);
  return account;
}

/** The cast key of the reviewer with this user id, if it is one of this run's. */
export function reviewerKeyOf(ctx: DemoContext, userId: string): string | undefined {
  for (const [key, account] of ctx.reviewers) if (account.id === userId) return key;
  return undefined;
}

/** Clock time of an ISO timestamp, local time zone (HH:MM:SS). */
export function clock(iso: string | Date): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour12: false });
}

/** Reads the challenge until it has `status`; a side exit (failed, cancelled) ends the demo at once. */
export async function waitForStatus(ctx: DemoContext, status: string, timeoutMs = 60_000, hint = ''): Promise<Json> {
  let last = 'unknown';
  return waitFor(
    `the challenge to become ${status}`,
    async () => {
      const challenge = await ctx.api.get('reading the challenge', 'challenge', `/api/v1/challenges/${ctx.challenge.id}`, ctx.lead);
      last = challenge.status;
      if (challenge.status === status) return challenge;
      if ((challenge.status === 'failed' || challenge.status === 'cancelled') && status !== challenge.status) {
        throw new DemoError(`the challenge became ${challenge.status} while the demo waited for ${status}`);
      }
      return undefined;
    },
    {
      timeoutMs,
      everyMs: 500,
      describe: async () =>
        (await ctx.api.workerAlive())
          ? `status ${last}${hint ? `; ${hint}` : ''}`
          : `status ${last}; the matching worker at ${ctx.api.workerUrl} does not answer /health (down, or its event loop is blocked)`,
    },
  );
}
