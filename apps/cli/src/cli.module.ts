import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@jiebang/auth';
import { DatabaseModule } from '@jiebang/database';
import { DomainModule } from '@jiebang/domain';
import { AppConfig, PlatformConfigModule } from '@jiebang/platform';
import { ALL_ENTITIES } from './data-source';

/** A Nest application context (no HTTP, no Redis) for commands that use domain services. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        PlatformConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: config.databaseUrl, poolSize: 4, applicationName: 'jiebang-cli' }, ALL_ENTITIES),
        DomainModule,
        AuthModule.forRoot(),
      ],
    };
  }
}
