import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropDatabase, ensureDatabase, splitDatabaseUrl } from '@jiebang/database';
import { cliDataSource } from '../data-source';

export async function migrate(url: string): Promise<void> {
  const created = await ensureDatabase(url);
  if (created) console.log(`created database ${splitDatabaseUrl(url).database}`);
  const dataSource = await cliDataSource(url).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database schema is up to date');
  } finally {
    await dataSource.destroy();
  }
}

/** SQL that would bring a freshly migrated database in line with the entities ([] = no drift). */
async function pendingSchemaChanges(url: string): Promise<{ up: string[]; down: string[] }> {
  const scratch = new URL(url);
  scratch.pathname = `/jiebang_schema_check_${process.pid}_${Date.now()}`;
  const scratchUrl = scratch.toString();
  await ensureDatabase(scratchUrl);
  const dataSource = cliDataSource(scratchUrl);
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => q.query),
      down: sql.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(scratchUrl);
  }
}

/** `db:check`: fails when entities and migrations drift apart. */
export async function checkSchema(url: string): Promise<void> {
  const { up } = await pendingSchemaChanges(url);
  if (up.length > 0) {
    console.error('Entities and migrations have drifted. Generate a migration (npm run db:generate -- NAME) for:');
    for (const query of up) console.error(`  ${query};`);
    process.exitCode = 1;
    return;
  }
  console.log('entities and migrations agree');
}

/** `db:generate NAME`: writes a migration with the SQL the entities need beyond the existing migrations. */
export async function generateMigration(url: string, name: string): Promise<void> {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error('migration name must be PascalCase letters and digits');
  const { up, down } = await pendingSchemaChanges(url);
  if (up.length === 0) {
    console.log('no schema changes');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const quote = (q: string) => `    await queryRunner.query(${JSON.stringify(q)});`;
  const file = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map(quote).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down.map(quote).join('\n')}
  }
}
`;
  const path = join(process.cwd(), 'libs/database/src/migrations', `${timestamp}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
  writeFileSync(path, file);
  console.log(`wrote ${path}; add ${className} to libs/database/src/migrations/index.ts`);
}
