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
export function safeNext(next: string | null | undefined, origin: string = location.origin): string | null {
  // Control characters and backslashes are dropped or rewritten by URL parsing (`/\t/evil.example` becomes
  // `//evil.example`): refuse them outright, then require the parsed URL to stay on this origin.
  if (!next || !next.startsWith('/') || [...next].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (url.pathname === '/login' || url.pathname === '/register') return null;
  return url.pathname + url.search + url.hash;
}

/** After signing in: `?next=` when safe, else the role's home page. */
export function landingPage(role: Role, next: string | null | undefined): string {
  return safeNext(next) ?? roleHome(role);
}
