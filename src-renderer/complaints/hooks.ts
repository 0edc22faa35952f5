import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../src-shared/contract';
import type { COMPLAINT_LIST_VIEWS } from '../../src-shared/contract/complaints';
import { api } from '../api/client';
import { methodQuery } from '../api/query';

export type ComplaintView = (typeof COMPLAINT_LIST_VIEWS)[number];

const PAGE = 50;

/** Head office's business lines and causes (they change rarely: read once a session). */
export function useComplaintCategories() {
  return useQuery({ ...methodQuery('complaints.categories', {}), staleTime: Infinity });
}

/** A view of the case list, fifty at a time, soonest due first (closed ones newest first). */
export function useComplaintList(view: ComplaintView) {
  return useInfiniteQuery({
    queryKey: ['complaints.list', view],
    queryFn: ({ pageParam }) => api.complaints.list({ view, after: pageParam, limit: PAGE }),
    initialPageParam: null as { dueOn: string; id: string } | null,
    getNextPageParam: (last) => last.next,
    placeholderData: keepPreviousData,
    // Cases move on at other desks: the list reads again whenever it is opened.
    staleTime: 0,
  });
}

export function complaintQuery(id: string) {
  return methodQuery('complaints.get', { id });
}

export function useComplaint(id: string) {
  return useQuery({ ...complaintQuery(id), staleTime: 0 });
}

export function useTakeComplaint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'complaints.create'>) => api.complaints.create(input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['complaints.list'] }),
  });
}

/** One step on a case; the case comes back as it now stands. */
export function useComplaintStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<InputOf<'complaints.step'>, 'id'>) => api.complaints.step({ id, ...input }),
    onSuccess: (kase) => {
      queryClient.setQueryData(complaintQuery(id).queryKey, kase);
      void queryClient.invalidateQueries({ queryKey: ['complaints.list'] });
    },
  });
}
