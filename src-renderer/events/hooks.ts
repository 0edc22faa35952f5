import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../src-shared/contract';
import type { EventDetail, GUEST_VIEWS, Segment } from '../../src-shared/contract/events';
import { api } from '../api/client';
import { methodQuery } from '../api/query';

export type GuestView = (typeof GUEST_VIEWS)[number];

/** Events change at other desks (invitations, the door): every view reads again when it opens. */
export function useEvents(view: 'upcoming' | 'past' | 'all') {
  return useQuery({ ...methodQuery('events.list', { view }), placeholderData: keepPreviousData, staleTime: 0 });
}

export function eventQuery(id: string) {
  return methodQuery('events.get', { id });
}

export function useEvent(id: string) {
  return useQuery({ ...eventQuery(id), staleTime: 0 });
}

export function useGuests(eventId: string, view: GuestView) {
  return useQuery({ ...methodQuery('events.guests', { eventId, view }), placeholderData: keepPreviousData, staleTime: 0 });
}

/** The live count for a segment as its filters change (the previous count stays while the next is asked). */
export function useSegmentCount(eventId: string, segment: Segment, enabled: boolean) {
  return useQuery({
    ...methodQuery('events.segmentCount', { eventId, segment }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export const noticesQuery = methodQuery('events.notices', {});

/** The calls owed to guests that fall to this member of staff: read every minute, and after each sync. */
export function useNotices() {
  return useQuery({ ...noticesQuery, refetchInterval: 60_000, staleTime: 30_000 });
}

/** After anything that changes an event's list or state: its page, its list, the counts and the worklist read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (event?: EventDetail) => {
    if (event) queryClient.setQueryData(eventQuery(event.id).queryKey, event);
    for (const key of ['events.list', 'events.get', 'events.guests', 'events.notices', 'events.segmentCount']) {
      void queryClient.invalidateQueries({ queryKey: [key] });
    }
  };
}

export function useSaveEvent() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'events.save'>) => api.events.save(input), onSuccess: refresh });
}

export function useEventStep() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'events.step'>) => api.events.step(input), onSuccess: refresh });
}

export function useAddSegment() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'events.addSegment'>) => api.events.addSegment(input), onSuccess: () => refresh() });
}

export function useAddGuest() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'events.addGuest'>) => api.events.addGuest(input), onSuccess: () => refresh() });
}

export function useInvite() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'events.invite'>) => api.events.invite(input), onSuccess: () => refresh() });
}

export function useAnswer() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'events.answer'>) => api.events.answer(input), onSuccess: () => refresh() });
}

export function useTold() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'events.told'>) => api.events.told(input), onSuccess: () => refresh() });
}

export function useCheckIn() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'events.checkin'>) => api.events.checkin(input), onSuccess: () => refresh() });
}

export function useWalkIn() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'events.walkIn'>) => api.events.walkIn(input), onSuccess: () => refresh() });
}
