import { Injectable } from '@nestjs/common';
import { Clock, EmailTakenError, User, UsersRepository } from '@jiebang/domain';
import { PasswordHasher } from './password-hasher';

export interface AdminInput {
  email: string;
  password: string;
  name: string;
}

/** Admins never self-register: the first comes from configuration, more from `npm run cli -- create-admin`. */
@Injectable()
export class AdminAccounts {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  /** Creates the admin unless an account with that email exists (then: 'exists', nothing changes). */
  async ensure(input: AdminInput): Promise<'created' | 'exists'> {
    if (input.password.length < 10 || input.password.length > 128) throw new Error('admin password must be 10–128 characters');
    if (await this.users.findByEmail(input.email)) return 'exists';
    const user = User.create(
      { email: input.email, passwordHash: await this.hasher.hash(input.password), name: input.name, role: 'admin', organizationId: null },
      this.clock.now(),
    );
    try {
      await this.users.insert(user);
    } catch (error) {
      if (error instanceof EmailTakenError) return 'exists';
      throw error;
    }
    return 'created';
  }
}
