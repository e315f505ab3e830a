/** Where a user goes after signing in or registering. */
import type { Role } from '../../api/types';

const ROLE_HOME: Record<Role, string> = {
  lead: '/lead/challenges',
  sme: '/sme/recommendations',
  reviewer: '/reviewer/assignments',
  admin: '/admin/reviewers',
};

export function roleHome(role: Role): string {
  return ROLE_HOME[role] ?? '/';
}

/**
 * The `?next=` target when it is a path inside the portal (never another origin: `//evil.example` or
 * `/\evil.example` would leave the site), otherwise `null`.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next === '/login' || next.startsWith('/login?') || next === '/register' || next.startsWith('/register?')) return null;
  return next;
}

/** After signing in: `?next=` when safe, else the role's home page. */
export function landingPage(role: Role, next: string | null | undefined): string {
  return safeNext(next) ?? roleHome(role);
}
