import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { InputOf, OutputOf, SyncStatus } from '../../src-shared/contract';
import { api } from '../api/client';
import { methodQuery } from '../api/query';
import { useCancellableJob } from '../jobs/hooks';

export const syncStatusQuery = methodQuery('sync.status', {});

/** Main pushes every change of state as an event; this is only the fallback should one be missed. */
const STATUS_POLL_MS = 30_000;
/**
 * While a sync is shown as running the fallback looks every 2 s: a status fetched just before the sync ended can
 * land after main's "finished" event and would otherwise hold "Sync now" busy until the next 30 s poll.
 */
const RUNNING_POLL_MS = 2_000;

/** The sync service's state as last heard: from the feed below, or fetched when first shown. */
export function useSyncStatus() {
  return useQuery(syncStatusQuery);
}

/**
 * Keeps the sync status fresh for the whole signed-in app (the shell's dot and the Sync page): main's `sync.status`
 * events replace it at once, and a poll every 30 s (2 s while running) catches anything missed. Not while the screen is
 * locked, when main would refuse the call anyway.
 */
export function useSyncStatusFeed(locked: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => api.on('sync.status', (status) => queryClient.setQueryData(syncStatusQuery.queryKey, status)), [queryClient]);
  return useQuery({
    ...syncStatusQuery,
    enabled: !locked,
    refetchInterval: (query) => (locked ? false : query.state.data?.running ? RUNNING_POLL_MS : STATUS_POLL_MS),
  });
}

function useStoreStatus() {
  const queryClient = useQueryClient();
  return (status: SyncStatus) => queryClient.setQueryData(syncStatusQuery.queryKey, status);
}

/** An administrator trades the hub's one-time code for this workstation's device token. */
export function useEnroll() {
  const queryClient = useQueryClient();
  const store = useStoreStatus();
  return useMutation({
    mutationFn: (input: InputOf<'sync.enroll'>) => api.sync.enroll(input),
    onSuccess: store,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: syncStatusQuery.queryKey }),
  });
}

/** "Sync now": a long job with progress and Cancel; what a cancelled sync already exchanged is kept. */
export function useSyncNow() {
  const queryClient = useQueryClient();
  const store = useStoreStatus();
  const job = useCancellableJob<void, OutputOf<'sync.now'>>((jobId) => api.sync.now({ jobId }));
  return {
    ...job,
    start: () =>
      job.mutate(undefined, {
        onSuccess: (result) => store(result.status),
        onSettled: () => void queryClient.invalidateQueries({ queryKey: syncStatusQuery.queryKey }),
      }),
  };
}

/** The time now, moving on every `everyMs`: "waiting too long" must turn true without any new data arriving. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Received changes kept waiting longer than the review setting, a page at a time (there may be thousands). */
export function useParkedChanges(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['sync.parked'],
    queryFn: ({ pageParam }) => api.sync.parked({ after: pageParam, limit: 200 }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextAfter,
    enabled,
  });
}

/** An administrator discards long-waiting changes (the chosen ones, or all), with a reason; audited in main. */
export function useDiscardParked() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'sync.discardParked'>) => api.sync.discardParked(input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['sync.parked'] });
      void queryClient.invalidateQueries({ queryKey: syncStatusQuery.queryKey });
    },
  });
}
