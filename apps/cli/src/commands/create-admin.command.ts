import { NestFactory } from '@nestjs/core';
import { AdminAccounts } from '@jiebang/auth';
import { AppConfig } from '@jiebang/platform';
import { CliModule } from '../cli.module';

export async function createAdmin(config: AppConfig, input: { email: string; password: string; name: string }): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const outcome = await app.get(AdminAccounts).ensure(input);
    console.log(outcome === 'created' ? `admin ${input.email} created` : `an account ${input.email} already exists; nothing changed`);
  } finally {
    await app.close();
  }
}
