import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ClientFilters } from '../../../src-shared/contract';
import { api } from '../../api/client';
import { staffListQuery } from '../../staff/hooks';

/** Rows per page: a screenful several times over, so a fast scroll rarely waits. */
const PAGE_SIZE = 200;

/**
 * The filtered client list, one keyset page at a time (client-number order). The next page is asked for only when
 * the staff member nears the end of what is loaded: 200,000 clients are never all in memory at once.
 */
export function useClientList(filters: ClientFilters) {
  return useInfiniteQuery({
    queryKey: ['clients.list', filters] as const,
    queryFn: ({ pageParam }) => api.clients.list({ filters, after: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: 30_000,
  });
}

/** Staff who can be a client's relationship manager, for the filter; asked for only by those who may list staff. */
export function useManagerChoices(enabled: boolean) {
  return useQuery({ ...staffListQuery, enabled, select: (staff) => staff.filter((s) => !s.disabled) });
}

/** The whole filtered list as a masked file (CSV or XLSX), as a cancellable job. */
export function exportClients(jobId: string, input: { format: 'csv' | 'xlsx'; filters: ClientFilters }) {
  return api.clients.export({ jobId, ...input });
}
