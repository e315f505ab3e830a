import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '@jiebang/platform';
import { createAdmin } from './commands/create-admin.command';
import { runDemo } from './commands/demo.command';
import { evalMatching } from './commands/eval-matching.command';
import { importEnterprises } from './commands/import-enterprises.command';
import { checkSchema, generateMigration, migrate } from './commands/schema.command';
import { startAll } from './commands/start.command';

// Developers may keep settings in .env (see .env.example); real environment variables win.
if (existsSync('.env')) process.loadEnvFile('.env');

function config() {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

const program = new Command('jiebang').description('Jiebang command line');

program
  .command('migrate')
  .description('create the database if missing and apply pending migrations')
  .action(async () => migrate(config().databaseUrl));

program
  .command('db:check')
  .description('fail when entities and migrations drift apart')
  .action(async () => checkSchema(config().databaseUrl));

program
  .command('db:generate')
  .argument('<name>', 'PascalCase migration name')
  .description('write a migration with the SQL the entities need beyond the existing migrations')
  .action(async (name: string) => generateMigration(config().databaseUrl, name));

program
  .command('create-admin')
  .requiredOption('--email <email>', 'email of the new admin')
  .requiredOption('--password <password>', 'password, 10–128 characters')
  .option('--name <name>', 'display name', 'Administrator')
  .description('create a platform administrator (admins cannot self-register)')
  .action(async (options: { email: string; password: string; name: string }) => createAdmin(config(), options));

program
  .command('import-enterprises')
  .argument('<file>', 'NDJSON file (DATA.md format), plain or .gz')
  .description('import enterprises (organizations and profiles) in bulk; externalId is the import key')
  .action(async (file: string) => {
    const summary = await importEnterprises(config(), file);
    if (summary.created + summary.updated === 0 && summary.failed.length > 0) process.exitCode = 1;
  });

program
  .command('eval:matching')
  .requiredOption('--enterprises <file>', 'enterprises NDJSON (DATA.md), plain or .gz')
  .requiredOption('--challenges <file>', 'challenges NDJSON with expected winners, plain or .gz')
  .option('--out <file>', 'write the report as JSON')
  .option('--limit <n>', 'evaluate only the first n challenges', (v) => Number.parseInt(v, 10))
  .description('rank every enterprise for every challenge with the worker\'s engine; print HR@k, MRR@10 and timings')
  .action(async (options: { enterprises: string; challenges: string; out?: string; limit?: number }) => {
    await evalMatching(options);
  });

program
  .command('start')
  .description('migrate, then run challenge-service, bidding-service and matching-worker')
  .action(async () => startAll(config()));

program
  .command('demo')
  .option('--own-stack', 'start an own stack (database jiebang_demo, 15 s publicity) even when one is running')
  .option('--deadline <seconds>', 'seconds from publishing to the bid deadline (10–600)', (v) => Number.parseInt(v, 10), 25)
  .description('walk one challenge through the whole lifecycle against the running stack (or an own one) and print each stage')
  .action(async (options: { ownStack?: boolean; deadline: number }) => runDemo(config(), process.env, options));

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
