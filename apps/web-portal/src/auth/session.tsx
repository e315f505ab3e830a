import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { challengeApi, tokenStore, unwrap } from '../api/client';
import type { Role, Session, User } from '../api/types';

interface SessionState {
  /** The signed-in user, `null` when signed out, `undefined` while the token is being checked. */
  user: User | null | undefined;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionState | null>(null);

function subscribe(listener: () => void): () => void {
  tokenStore.listeners.add(listener);
  const onStorage = () => listener();
  window.addEventListener('storage', onStorage);
  return () => {
    tokenStore.listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Holds the access token (localStorage) and the user it belongs to (`GET /api/v1/auth/me`). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const token = useSyncExternalStore(subscribe, () => tokenStore.read());
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['me', token],
    enabled: token !== null,
    queryFn: async () => (await unwrap(challengeApi.GET('/api/v1/auth/me'))).user,
    staleTime: 5 * 60_000,
  });

  // Whenever the session changes (sign-in over another account, sign-out, a 401, expiry, another tab), drop
  // every cached answer of the previous user: the next one must never see its bids, profile or notifications.
  const previous = useRef(token);
  useEffect(() => {
    if (previous.current === token) return;
    previous.current = token;
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' || q.queryKey[1] !== token });
  }, [token, queryClient]);

  // The token expires on its own: sign out at that moment rather than at the next refused call.
  useEffect(() => {
    const stored = tokenStore.stored();
    if (!stored || token === null) return;
    const timer = setTimeout(() => tokenStore.write(null), Math.min(Math.max(0, stored.expiresAt - Date.now()), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [token]);

  const signIn = useCallback(
    (session: Session) => {
      queryClient.clear();
      tokenStore.write(session.accessToken, session.expiresIn);
      queryClient.setQueryData(['me', session.accessToken], session.user);
    },
    [queryClient],
  );
  const userId = me.data?.id;
  const signOut = useCallback(() => {
    // Autosaved bid drafts hold bid content: they do not outlive the session on a shared browser.
    if (userId) forgetDrafts(userId);
    tokenStore.write(null);
    queryClient.clear();
  }, [queryClient, userId]);

  // A failed /me (network, 5xx) keeps the token and retries; a 401 has already cleared it (client middleware).
  const user = token === null ? null : me.data ?? (me.isError ? null : undefined);
  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Removes the signed-out user's autosaved drafts (keys `jiebang.bidDraft.<userId>.…`, see pages/sme/bidDraft.ts). */
function forgetDrafts(userId: string): void {
  try {
    const prefix = `jiebang.bidDraft.${userId}.`;
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((k): k is string => !!k && k.startsWith(prefix));
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // storage unavailable: nothing was saved either
  }
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in user; only for pages behind <RequireRole>, where a user always exists. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

export function hasRole(user: User | null | undefined, ...roles: Role[]): boolean {
  return !!user && roles.includes(user.role);
}
