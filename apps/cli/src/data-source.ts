import { DOMAIN_ENTITIES } from '@jiebang/domain';
import { dataSourceOptions } from '@jiebang/database';
import { QUEUE_ENTITIES } from '@jiebang/queue';
import { DataSource } from 'typeorm';

export const ALL_ENTITIES = [...DOMAIN_ENTITIES, ...QUEUE_ENTITIES];

/** A DataSource over every entity and migration, for the command line (migrate, drift check, import). */
export function cliDataSource(url: string, applicationName = 'jiebang-cli'): DataSource {
  return new DataSource(dataSourceOptions({ url, poolSize: 4, applicationName }, ALL_ENTITIES));
}
