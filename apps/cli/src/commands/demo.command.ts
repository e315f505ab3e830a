import { AppConfig } from '@jiebang/platform';
import { DEMO_EMAIL_DOMAIN, DemoAccounts } from '../demo/accounts';
import { Api, DemoError } from '../demo/api';
import { DemoContext, say } from '../demo/context';
import { DEMO_DATABASE, OwnStack, startOwnStack } from '../demo/own-stack';
import { createParticipants, publishChallenge, saveProfiles, showAssessments, showMatches, submitBids } from '../demo/stages-open';
import { awardAndObject, finalResult, showFeedback, verifyAudit } from '../demo/stages-result';
import { declineOne, openAndAssign, showRanking, submitReviews } from '../demo/stages-review';

export interface DemoOptions {
  /** Start an own stack even when one is running. */
  ownStack?: boolean;
  /** Seconds from publishing to the bid deadline. */
  deadline?: number;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1500) })).ok;
  } catch {
    return false;
  }
}

/** The running stack's URLs when both API services answer /health; null when neither does. */
async function runningStack(config: AppConfig): Promise<{ challengeUrl: string; biddingUrl: string; workerUrl: string } | null> {
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const urls = {
    challengeUrl: `http://${host}:${config.ports.challenge}`,
    biddingUrl: `http://${host}:${config.ports.bidding}`,
    workerUrl: `http://${host}:${config.ports.worker}`,
  };
  const [challenge, bidding] = await Promise.all([answers(urls.challengeUrl), answers(urls.biddingUrl)]);
  if (challenge && bidding) return urls;
  if (!challenge && !bidding) return null;
  throw new DemoError(
    `${challenge ? `challenge-service answers at ${urls.challengeUrl} but bidding-service does not at ${urls.biddingUrl}` : `bidding-service answers at ${urls.biddingUrl} but challenge-service does not at ${urls.challengeUrl}`}.\n` +
      '  Start the whole stack (npm start), stop it, or pass --own-stack.',
  );
}

async function stages(ctx: DemoContext, deadlineSeconds: number): Promise<void> {
  await saveProfiles(ctx);
  await publishChallenge(ctx, deadlineSeconds);
  await showMatches(ctx);
  await submitBids(ctx);
  await showAssessments(ctx);
  await openAndAssign(ctx);
  await declineOne(ctx);
  await submitReviews(ctx);
  const ranking = await showRanking(ctx);
  const result = await awardAndObject(ctx, ranking);
  await finalResult(ctx, result);
  await showFeedback(ctx);
  await verifyAudit(ctx);
}

/**
 * `npm run demo`: one challenge through the whole 揭榜挂帅 lifecycle, printed stage by stage.
 *
 * Against a running stack (both API services answer /health at CHALLENGE_PORT / BIDDING_PORT of this
 * environment) the demo writes its accounts to this environment's DATABASE_URL and signs their tokens with its
 * JWT settings — the stack must share them (run both from the same environment or .env). Otherwise, or with
 * --own-stack, it starts the three apps itself on a fresh database `jiebang_demo` with a 15-second publicity
 * period, and stops them at the end. Accounts never go through HTTP registration or login, so the auth rate
 * limit is neither hit nor raised.
 */
export async function runDemo(config: AppConfig, env: NodeJS.ProcessEnv, options: DemoOptions): Promise<void> {
  const started = Date.now();
  const deadlineSeconds = options.deadline ?? 25;
  if (!Number.isInteger(deadlineSeconds) || deadlineSeconds < 10 || deadlineSeconds > 600) throw new DemoError('--deadline must be 10–600 seconds');
  say('揭榜挂帅 · Jiebang demo — 一个榜单的完整流程 One challenge through the whole open-call lifecycle', '');

  let stack: OwnStack | null = null;
  let accounts: DemoAccounts | null = null;
  const interrupted = () => {
    say('\ninterrupted; stopping…');
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  try {
    const running = options.ownStack ? null : await runningStack(config);
    let api: Api;
    let accountConfig = config;
    if (running) {
      say(`Mode: a running stack — challenge-service ${running.challengeUrl}, bidding-service ${running.biddingUrl}.`);
      say(`      Accounts go to ${new URL(config.databaseUrl).pathname.slice(1)} (DATABASE_URL); the stack must use the same database and JWT settings.`);
      api = new Api(running.challengeUrl, running.biddingUrl, running.workerUrl);
      if (!(await api.workerAlive())) say(`      Warning: no matching worker answers at ${running.workerUrl}; time-driven steps will wait in vain.`);
    } else {
      say(
        options.ownStack
          ? 'Mode: own stack (--own-stack).'
          : `Mode: own stack — nothing answers at ${config.host}:${config.ports.challenge} / ${config.ports.bidding}.`,
      );
      say(`      Fresh database ${DEMO_DATABASE}, queue prefix jiebang-demo, publicity 15 s; the apps start as child processes.`);
      stack = await startOwnStack(env);
      say(`      Started: challenge-service ${stack.challengeUrl}, bidding-service ${stack.biddingUrl}, matching-worker ${stack.workerUrl} (logs: ${stack.logFile}).`);
      api = new Api(stack.challengeUrl, stack.biddingUrl, stack.workerUrl);
      accountConfig = stack.config;
    }
    accounts = await DemoAccounts.open(accountConfig);
    const ctx = await createParticipants(api, accounts, running ? 'running' : 'own', DEMO_EMAIL_DOMAIN);
    await stages(ctx, deadlineSeconds);
    say(
      '',
      `演示完成 Demo complete in ${Math.round((Date.now() - started) / 1000)} s.`,
      running
        ? `  Explore it: ${running.challengeUrl}/docs — sign in as any demo account with the password ${accounts.password}.`
        : `  The demo's stack is stopped; its database ${DEMO_DATABASE} is kept for inspection (the next run recreates it).`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\n✗ demo failed: ${message}`);
    if (stack) console.error(`  app logs: ${stack.logFile}`);
    if (!(error instanceof DemoError) && error instanceof Error && error.stack) console.error(error.stack);
    process.exitCode = 1;
  } finally {
    process.removeListener('SIGINT', interrupted);
    await accounts?.close().catch(() => undefined);
    await stack?.stop();
  }
}
