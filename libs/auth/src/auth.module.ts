import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { PasswordHasher } from './password-hasher';
import { AdminAccounts } from './admin-accounts';
import { TokenService } from './token.service';

/** Token verification as a global guard for every route, plus hashing and tokens. */
@Module({})
export class AuthModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [TokenService, PasswordHasher, AdminAccounts, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokenService, PasswordHasher, AdminAccounts],
    };
  }
}
