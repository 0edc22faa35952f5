import { AppError } from '../src-shared/contract/errors';
import type { jobsContract } from '../src-shared/contract/jobs';
import type { App } from './app';
import type { HandlersFor } from './ipc/call';

export interface JobControl {
  signal: AbortSignal;
  progress: (done: number, total: number) => void;
}

/**
 * Runs a long job under an id the renderer chose: progress goes to that session as `job.progress` events, and
 * `jobs.cancel` aborts it. Progress events are thinned to one every 100 ms (and the last one always goes).
 */
export async function runJob<T>(app: App, channel: string, jobId: string, work: (job: JobControl) => Promise<T>): Promise<T> {
  if (app.jobs.has(jobId)) throw new AppError('CONFLICT', 'errors.jobs.duplicate', 'a job with this id is running');
  const cancel = new AbortController();
  app.jobs.set(jobId, { channel, cancel });
  let last = 0;
  try {
    return await work({
      signal: cancel.signal,
      progress: (done, total) => {
        const now = app.clock.now();
        if (done < total && now - last < 100) return;
        last = now;
        app.emit(channel, 'job.progress', { jobId, done, total });
      },
    });
  } finally {
    app.jobs.delete(jobId);
  }
}

export const jobsHandlers: HandlersFor<typeof jobsContract> = {
  'jobs.cancel': (input, call) => {
    const job = call.app.jobs.get(input.jobId);
    if (!job || job.channel !== call.channel) return Promise.resolve({ cancelled: false });
    job.cancel.abort();
    return Promise.resolve({ cancelled: true });
  },
};
