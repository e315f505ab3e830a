import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG, AppConfig, PasswordHashProfile } from '@jiebang/platform';

/**
 * Argon2id parameters. `standard` meets QUALITY.md (≥ 19 MiB, t ≥ 2; OWASP's minimum profile); `fast` exists
 * only so tests can seed many users quickly, and configuration refuses it when NODE_ENV=production.
 */
export const ARGON2_PROFILES: Record<PasswordHashProfile, { memoryCost: number; timeCost: number; parallelism: number }> = {
  standard: { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 },
  fast: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
};

@Injectable()
export class PasswordHasher {
  private readonly options: { type: 2; memoryCost: number; timeCost: number; parallelism: number };
  private dummyHash: Promise<string> | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = { type: argon2.argon2id, ...ARGON2_PROFILES[config.passwordHashProfile] };
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same work as a real verification, so unknown emails are not revealed by timing. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('not-a-real-password-just-for-timing');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
