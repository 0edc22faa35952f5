import { type JobControl, runJob } from '../jobs';
import type { Call } from '../ipc/call';

/**
 * An export handed to the renderer: made as a cancellable job with progress (`jobId`), recorded on the audit log
 * (exports leave the workstation: who took which file, how many lines, and `targets` such as the filters used), and
 * sent as base64 for the renderer to save.
 */
export async function exportForCall(
  call: Pick<Call, 'app' | 'channel' | 'mutate'>,
  jobId: string,
  make: (job: JobControl) => Promise<{ fileName: string; content: Buffer; rows: number }>,
  targets: string[] = [],
): Promise<{ fileName: string; contentBase64: string; rows: number }> {
  const file = await runJob(call.app, call.channel, jobId, make);
  await call.mutate(() => Promise.resolve(), { targetIds: [`export:${file.fileName}`, `rows:${file.rows}`, ...targets] });
  return { fileName: file.fileName, contentBase64: file.content.toString('base64'), rows: file.rows };
}
