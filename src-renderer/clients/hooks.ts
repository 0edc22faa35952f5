import { type InfiniteData, keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { type ClientProfile, type InputOf, type OutputOf, TIMELINE_PAGE, type TimelineCursor } from '../../src-shared/contract';
import { api } from '../api/client';
import { methodQuery } from '../api/query';

/** Search is ~1 ms in main: ask as the staff member types, once they pause this long. */
const SEARCH_DEBOUNCE_MS = 120;
const SEARCH_LIMIT = 50;

/**
 * The ranked matches for what is typed. While the next answer is on its way the previous one stays on screen
 * (no flicker); `fresh` says whether the rows shown answer exactly the text in the box.
 */
export function useClientSearch(text: string) {
  const q = text.trim();
  const [debounced] = useDebouncedValue(q, SEARCH_DEBOUNCE_MS);
  const query = useQuery({
    ...methodQuery('clients.search', { q: debounced, limit: SEARCH_LIMIT }),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const fresh = q.length > 0 && debounced === q && query.isSuccess && !query.isPlaceholderData;
  return { ...query, fresh };
}

export function profileQuery(id: string) {
  return methodQuery('clients.profile', { id });
}

export function useClientProfile(id: string) {
  return useQuery(profileQuery(id));
}

type TimelinePage = OutputOf<'clients.timeline'>;

function timelineKey(clientId: string) {
  return ['clients.timeline', { clientId }] as const;
}

/**
 * A client's contact timeline, newest first, one keyset page at a time: it opens with the page the profile
 * brought (no second call), and "load older" asks main for the next. A refresh (after logging a contact) reads
 * every loaded page again from the newest, each from the one before, so no entry falls between two pages.
 */
export function useTimeline(profile: ClientProfile, profileUpdatedAt: number) {
  const clientId = profile.summary.id;
  const query = useInfiniteQuery({
    queryKey: timelineKey(clientId),
    queryFn: ({ pageParam }) => api.clients.timeline({ clientId, before: pageParam, limit: TIMELINE_PAGE }),
    initialPageParam: null as TimelineCursor | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [{ entries: profile.timeline, nextCursor: profile.timelineCursor }], pageParams: [null] },
    // As old as the profile it came with: a stale profile's page is read again at once.
    initialDataUpdatedAt: profileUpdatedAt,
  });
  const contacts = query.data.pages.flatMap((p) => p.entries);
  return { ...query, contacts };
}

/**
 * Logs a contact. The new entry tops the timeline at once, then the timeline and the profile are read again: a
 * contact is activity, which can move the lifecycle stage shown in the header and in search results.
 */
export function useLogContact(clientId: string) {
  const queryClient = useQueryClient();
  const key = profileQuery(clientId).queryKey;
  return useMutation({
    mutationFn: (input: InputOf<'clients.logContact'>) => api.clients.logContact(input),
    onSuccess: (contact) => {
      queryClient.setQueryData(timelineKey(clientId), (data: InfiniteData<TimelinePage, TimelineCursor | null> | undefined) => {
        const [first, ...older] = data?.pages ?? [];
        if (!data || !first) return data;
        return { ...data, pages: [{ ...first, entries: [contact, ...first.entries.filter((c) => c.id !== contact.id)] }, ...older] };
      });
      void queryClient.invalidateQueries({ queryKey: timelineKey(clientId) });
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['clients.search'] });
      // A contact may do a reminder, or move the cadence: the client's reminders and the worklist change.
      void queryClient.invalidateQueries({ queryKey: ['reminders.forClient'] });
      void queryClient.invalidateQueries({ queryKey: ['reminders.worklist'] });
      void queryClient.invalidateQueries({ queryKey: ['reminders.counts'] });
      void queryClient.invalidateQueries({ queryKey: ['clients.list'] });
    },
  });
}

/**
 * Asks main for a full ID number or mobile (audited, with a reason). The answer must not outlive the screen that
 * asked: no query cache, and the mutation is forgotten as soon as it settles (`gcTime: 0` plus `reset()` by the
 * caller), so the value lives only in the component state that shows it.
 */
export function useReveal() {
  return useMutation({
    mutationFn: (input: InputOf<'clients.reveal'>) => api.clients.reveal(input),
    gcTime: 0,
  });
}
