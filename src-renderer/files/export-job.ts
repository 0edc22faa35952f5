import { notifications } from '@mantine/notifications';
import { isApiError } from '../api/errors';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { useCancellableJob } from '../jobs/hooks';
import { downloadBase64, TABLE_MIME } from './download';

interface TableFile {
  fileName: string;
  contentBase64: string;
  rows: number;
}

/**
 * An export as a long job (the client list, the complaint register, a report): progress from main, Cancel keeps
 * nothing; when it is done the file is saved and staff are told `done(file)`, when it fails or is cancelled, why.
 */
export function useExportJob<I extends { format: keyof typeof TABLE_MIME }>(
  run: (jobId: string, input: I) => Promise<TableFile>,
  done: (file: TableFile) => string,
) {
  const t = useT();
  const job = useCancellableJob(run);
  const start = (input: I) => {
    if (job.isPending) return;
    job.mutate(input, {
      onSuccess: (file) => {
        downloadBase64(file.fileName, file.contentBase64, TABLE_MIME[input.format]);
        notifications.show({ color: 'teal', message: done(file) });
      },
      onError: (error) => {
        const cancelled = isApiError(error, 'errors.cancelled');
        notifications.show({
          color: cancelled ? 'gray' : 'red',
          message: cancelled ? t('clients.export.cancelled') : errorMessage(t, error),
        });
      },
    });
  };
  return { job, start };
}
