import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { InputOf, Session } from '../../src-shared/contract';
import { api } from '../api/client';
import { isApiError } from '../api/errors';
import { methodQuery } from '../api/query';

/** Who is signed in on this window or tab: the one source of truth for which screen shows. */
export const authStateQuery = methodQuery('auth.state', {});

export function useAuthState() {
  return useQuery(authStateQuery);
}

/** The signed-in staff member's session; only for components rendered inside the signed-in app. */
export function useSession(): Session {
  const session = useAuthState().data?.session;
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}

/** After a sign-in, a first run or a sign-out, staff exist: the first-run screen is over either way. */
function setSession(queryClient: QueryClient, session: Session | null): void {
  queryClient.setQueryData(authStateQuery.queryKey, { setupNeeded: false, session });
}

/** Shows the lock overlay over whatever screen is open; nothing underneath is unmounted. */
export function markLocked(queryClient: QueryClient): void {
  queryClient.setQueryData(authStateQuery.queryKey, (state) =>
    state?.session ? { ...state, session: { ...state.session, locked: true } } : state,
  );
}

/** Main ended the session (signed out elsewhere, its working day over, the account disabled): back to sign-in. */
const SESSION_GONE = ['errors.auth.signed_out', 'errors.auth.session_expired', 'errors.auth.account_disabled'] as const;

/** Turns main's verdicts on any call into screens: a locked session gets the overlay, a lost one the sign-in. */
export function reactToSessionError(queryClient: QueryClient, error: unknown): void {
  if (isApiError(error, 'errors.auth.session_locked') || isApiError(error, 'errors.auth.tail_search_limit')) markLocked(queryClient);
  else if (SESSION_GONE.some((key) => isApiError(error, key))) void queryClient.invalidateQueries({ queryKey: authStateQuery.queryKey });
}

/** Everything cached but who is signed in: what one staff member saw must not show to the next. */
export function forgetStaffData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authStateQuery.queryKey[0] });
}

export function useSetupFirstAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'auth.setupFirstAdmin'>) => api.auth.setupFirstAdmin(input),
    onSuccess: (session) => setSession(queryClient, session),
    onError: (error) => {
      // Another window finished the first run meanwhile: this one belongs on the sign-in screen.
      if (isApiError(error, 'errors.auth.already_set_up')) void queryClient.invalidateQueries({ queryKey: authStateQuery.queryKey });
    },
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'auth.signIn'>) => api.auth.signIn(input),
    onSuccess: (session) => {
      forgetStaffData(queryClient);
      setSession(queryClient, session);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.auth.signOut(),
    onSuccess: () => {
      setSession(queryClient, null);
      forgetStaffData(queryClient);
    },
  });
}

export function useLock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.auth.lock(),
    onSuccess: () => markLocked(queryClient),
  });
}

export function useUnlock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'auth.unlock'>) => api.auth.unlock(input),
    onSuccess: (session) => {
      setSession(queryClient, session);
      // Whatever the open screen asked for while locked was refused; ask again now.
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== authStateQuery.queryKey[0] });
    },
  });
}

export function useTouch() {
  return useMutation({ mutationFn: () => api.auth.touch() });
}

/** A staff member sets their own password (and, at first sign-in, replaces head office's). */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'auth.changePassword'>) => api.auth.changePassword(input),
    onSuccess: (session) => setSession(queryClient, session),
  });
}
