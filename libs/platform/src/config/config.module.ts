import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/** Injection token of the validated, typed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Serves the configuration validated once in `main.ts` (or built by a test). Passing the object in, rather
 * than reading the environment here, lets tests run several differently configured apps in one process.
 */
@Module({})
export class PlatformConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
