import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf, WorklistCursor, WorklistFilters } from '../../src-shared/contract';
import { api } from '../api/client';
import { methodQuery } from '../api/query';

/** Rows per worklist page: several screens, so a fast scroll rarely waits. */
const PAGE_SIZE = 100;

/** A client's open reminders (the profile's section and the contact form's "this contact does…" choice). */
export function useClientReminders(clientId: string) {
  return useQuery(methodQuery('reminders.forClient', { clientId }));
}

/** One group of the signed-in staff member's worklist, most urgent first, one keyset page at a time. */
export function useWorklist(filters: WorklistFilters) {
  return useInfiniteQuery({
    queryKey: ['reminders.worklist', filters] as const,
    queryFn: ({ pageParam }) => api.reminders.worklist({ ...filters, after: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as WorklistCursor | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: 10_000,
  });
}

/**
 * How many items each group holds (the group headers, the navigation's count, the home screens), read again every
 * minute and after each sync (UrgentAlerts, mounted once, listens for it).
 */
export function useWorklistCounts(filters: Omit<WorklistFilters, 'group'> = {}) {
  return useQuery({ ...methodQuery('reminders.counts', filters), refetchInterval: 60_000, staleTime: 30_000 });
}

/**
 * Done, snoozed or dismissed: the worklist, the client's reminders and the client list (its overdue filter) are read
 * again.
 */
export function useActOnReminder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'reminders.act'>) => api.reminders.act(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['reminders.worklist'] });
      void queryClient.invalidateQueries({ queryKey: ['reminders.counts'] });
      void queryClient.invalidateQueries({ queryKey: ['reminders.forClient'] });
      void queryClient.invalidateQueries({ queryKey: ['clients.list'] });
    },
  });
}
