import { useInfiniteQuery, useMutation, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';

const PAGE_SIZE = 50;
const AUDIT_LIST: readonly ['audit.list', 'pages'] = ['audit.list', 'pages'];

/** Newest first, fifty at a time; "load more" asks for entries before the oldest one shown. */
export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: AUDIT_LIST,
    queryFn: ({ pageParam }) => api.audit.list({ beforeSeq: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length < PAGE_SIZE ? undefined : last[last.length - 1]?.seq),
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.audit.verify() });
}

/** Every mutation writes an audit entry (DESIGN.md), so after any of them the log on screen is out of date. */
export function keepAuditLogFresh(queryClient: QueryClient): () => void {
  return queryClient.getMutationCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success') {
      void queryClient.invalidateQueries({ queryKey: AUDIT_LIST });
    }
  });
}
