import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../src-shared/contract';
import { api } from '../api/client';
import { methodQuery } from '../api/query';
import { authStateQuery } from '../auth/hooks';

export const settingsQuery = methodQuery('settings.get', {});

export function useSettings() {
  return useQuery(settingsQuery);
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'settings.update'>) => api.settings.update(input),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsQuery.queryKey, settings);
      // The session carries the idle limit the lock timer runs on.
      void queryClient.invalidateQueries({ queryKey: authStateQuery.queryKey });
    },
  });
}
