import { randomUUID } from 'node:crypto';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { Role } from './roles';

@Entity('users')
export class User {
  @PrimaryColumn('uuid') id!: string;
  /** Stored lower-cased: emails are unique case-insensitively. */
  @Index('users_email_key', { unique: true })
  @Column('text')
  email!: string;
  @Column('text') passwordHash!: string;
  @Column('text') name!: string;
  @Column('text') role!: Role;
  @Index('users_organization_idx')
  @Column('uuid', { nullable: true })
  organizationId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;

  static create(input: { email: string; passwordHash: string; name: string; role: Role; organizationId: string | null }, now: Date): User {
    const user = new User();
    user.id = randomUUID();
    user.email = normalizeEmail(input.email);
    user.passwordHash = input.passwordHash;
    user.name = input.name;
    user.role = input.role;
    user.organizationId = input.organizationId;
    user.createdAt = now;
    return user;
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
