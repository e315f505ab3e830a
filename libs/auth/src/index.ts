export * from './auth.guard';
export * from './auth.module';
export * from './auth-throttling';
export * from './decorators';
export * from './password-hasher';
export * from './redis-throttler.storage';
export * from './token.service';
export * from './admin-accounts';
