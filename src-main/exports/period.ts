import { AppError } from '../../src-shared/contract';

/** A report's period must end on or after its first day: refused, named on its end, before anything is read. */
export function checkPeriod(from: string, to: string): void {
  if (from > to) {
    throw new AppError('VALIDATION', 'validation.period', 'the period ends before it starts', {
      issues: [{ path: 'to', key: 'validation.period', message: 'to is before from' }],
    });
  }
}
