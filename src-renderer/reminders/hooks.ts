import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf, ReminderKind, WorklistCursor } from '../../src-shared/contract';
import { api } from '../api/client';
import { methodQuery } from '../api/query';

/** Rows per worklist page: several screens, so a fast scroll rarely waits. */
const PAGE_SIZE = 100;

/** A client's open reminders (the profile's section and the contact form's "this contact does…" choice). */
export function useClientReminders(clientId: string) {
  return useQuery(methodQuery('reminders.forClient', { clientId }));
}

/** The signed-in staff member's worklist, overdue first, one keyset page at a time. */
export function useWorklist(filters: { kind?: ReminderKind; overdueOnly: boolean }) {
  return useInfiniteQuery({
    queryKey: ['reminders.worklist', filters] as const,
    queryFn: ({ pageParam }) => api.reminders.worklist({ ...filters, after: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as WorklistCursor | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: 10_000,
  });
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
      void queryClient.invalidateQueries({ queryKey: ['reminders.forClient'] });
      void queryClient.invalidateQueries({ queryKey: ['clients.list'] });
    },
  });
}
