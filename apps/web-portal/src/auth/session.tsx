import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
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
    retry: false,
  });

  const signIn = useCallback(
    (session: Session) => {
      tokenStore.write(session.accessToken, session.expiresIn);
      queryClient.setQueryData(['me', session.accessToken], session.user);
    },
    [queryClient],
  );
  const signOut = useCallback(() => {
    tokenStore.write(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    if (me.isError) tokenStore.write(null);
  }, [me.isError]);

  const user = token === null ? null : me.data ?? (me.isError ? null : undefined);
  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
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
