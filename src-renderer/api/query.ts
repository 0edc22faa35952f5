import { MutationCache, QueryCache, QueryClient, queryOptions } from '@tanstack/react-query';
import type { InputOf, MethodName } from '../../src-shared/contract';
import { callMethod } from './client';
import { isApiError } from './errors';

/** A query's key is its method and input, so invalidating `['staff.list']` refreshes every list of staff. */
export function methodQuery<M extends MethodName>(method: M, input: InputOf<M>) {
  return queryOptions({
    queryKey: [method, input] as const,
    queryFn: () => callMethod(method, input),
  });
}

/**
 * `onError` sees every failed query and mutation: the place where "the session was locked elsewhere" or
 * "signed out" turns into the lock overlay or the sign-in screen, whichever screen made the call.
 */
export function createQueryClient(onError: (error: unknown) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // A refused call (validation, permission, lock) fails the same way on every retry.
        retry: (failures, error) => !isApiError(error) && failures < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}
