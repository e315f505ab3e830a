import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConnectionSettings, dataSourceOptions, EntityList } from './data-source-options';
import { TransactionHost } from './transaction-host';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(settings: DatabaseConnectionSettings, entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(settings, entities), retryAttempts: 3, retryDelay: 1000 }),
      ],
      providers: [TransactionHost],
      exports: [TransactionHost],
    };
  }
}
