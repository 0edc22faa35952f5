import { useQueryClient } from '@tanstack/react-query';
import type { ImportReport } from '../../../src-shared/contract';
import { api } from '../../api/client';
import { useCancellableJob } from '../../jobs/hooks';

export interface ImportFile {
  fileName: string;
  contentBase64: string;
}

export type ImportRun = ImportFile & { mapping?: Record<string, number> };

/** The dry run: every row checked, nothing written. Run again whenever the staff member corrects the mapping. */
export function useImportPreview() {
  return useCancellableJob((jobId, input: ImportRun): Promise<ImportReport> => api.clients.import({ jobId, ...input, dryRun: true }));
}

/** The import itself: the good rows in one transaction; lists and searches show the new clients afterwards. */
export function useImportClients() {
  const queryClient = useQueryClient();
  const job = useCancellableJob((jobId, input: ImportRun): Promise<ImportReport> => api.clients.import({ jobId, ...input, dryRun: false }));
  return {
    ...job,
    start: (input: ImportRun) =>
      job.mutate(input, {
        onSuccess: () => {
          void queryClient.invalidateQueries({ queryKey: ['clients.list'] });
          void queryClient.invalidateQueries({ queryKey: ['clients.search'] });
        },
      }),
  };
}
