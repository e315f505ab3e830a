import { DataSourceOptions, MixedList } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function>;

export interface DatabaseConnectionSettings {
  url: string;
  poolSize: number;
  /** Shown in pg_stat_activity; fault tests select their own connections by it. */
  applicationName: string;
}

/**
 * Every DataSource of the project is built here: migrations are explicit, `synchronize` is off, names are
 * snake_case, and no query or connection attempt can hang a request for ever.
 */
export function dataSourceOptions(settings: DatabaseConnectionSettings, entities: EntityList): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // Query errors surface as exceptions (mapped or logged with a trace id); expected ones, like a unique
    // violation that means BID_EXISTS, must not spam the console.
    logging: ['warn', 'migration'],
    extra: {
      max: settings.poolSize,
      application_name: settings.applicationName,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}

/** The maintenance URL (database `postgres`) of a database URL, and the database's own name. */
export function splitDatabaseUrl(url: string): { maintenanceUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  parsed.pathname = '/postgres';
  return { maintenanceUrl: parsed.toString(), database };
}
