export * from './column-transformers';
export * from './data-source-options';
export * from './database.module';
export * from './ensure-database';
export * from './entity-rows';
export * from './postgres-errors';
export * from './snake-naming.strategy';
export * from './transaction-host';
