import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { isApiError } from '../api/errors';

export interface JobProgress {
  done: number;
  total: number;
}

/**
 * A long job (export, import) that staff can follow and cancel. The renderer makes the job id before the call, so
 * main's `job.progress` events and `jobs.cancel` can name it; the listener is in place before any job starts, so
 * no early event is missed. A cancelled job fails with `errors.cancelled` (`cancelled` says so) and keeps nothing.
 */
export function useCancellableJob<I, O>(run: (jobId: string, input: I) => Promise<O>) {
  const current = useRef<string | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);

  useEffect(
    () =>
      api.on('job.progress', (event) => {
        if (event.jobId === current.current) setProgress({ done: event.done, total: event.total });
      }),
    [],
  );

  const mutation = useMutation({
    mutationFn: (input: I) => {
      const jobId = crypto.randomUUID();
      current.current = jobId;
      setProgress(null);
      return run(jobId, input);
    },
    onSettled: () => {
      current.current = null;
    },
  });
  const cancelJob = useMutation({ mutationFn: (jobId: string) => api.jobs.cancel({ jobId }) });

  return {
    ...mutation,
    progress,
    cancelled: isApiError(mutation.error, 'errors.cancelled'),
    cancel: () => {
      if (current.current) cancelJob.mutate(current.current);
    },
    cancelling: cancelJob.isPending,
  };
}
