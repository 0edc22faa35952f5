import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { methodQuery } from '../api/query';
import { useCancellableJob } from '../jobs/hooks';

export const demoStatusQuery = methodQuery('demo.status', {});

/** How much demo data this workstation holds. */
export function useDemoStatus() {
  return useQuery(demoStatusQuery);
}

/**
 * Removes every demo row, as a job with progress and Cancel (which keeps everything). Afterwards every screen that
 * showed demo clients — lists, search, the worklist, the sync status — reads again.
 */
export function useRemoveDemoData() {
  const queryClient = useQueryClient();
  const job = useCancellableJob((jobId: string) => api.demo.remove({ jobId }));
  return {
    ...job,
    start: () => job.mutate(undefined, { onSettled: () => void queryClient.invalidateQueries() }),
  };
}
