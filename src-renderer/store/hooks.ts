import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { methodQuery } from '../api/query';

export const backupsQuery = methodQuery('store.backups', {});

/** The backups taken so far, newest first, and where they are. */
export function useBackups() {
  return useQuery(backupsQuery);
}

/** Takes a checked backup; the list shows it at once. */
export function useTakeBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.store.backup({}),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: backupsQuery.queryKey }),
  });
}

/** Integrity, foreign keys and the audit chain of the live store. */
export function useVerifyStore() {
  return useMutation({ mutationFn: () => api.store.verify({}) });
}
