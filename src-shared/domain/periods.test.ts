import { describe, expect, it } from 'vitest';
import { presetPeriod } from './periods';

describe('report periods', () => {
  it.each([
    ['this_month', '2026-12-02', '2026-12-01', '2026-12-02'],
    ['last_month', '2026-03-15', '2026-02-01', '2026-02-28'],
    ['last_month', '2024-03-01', '2024-02-01', '2024-02-29'],
    ['last_month', '2027-01-10', '2026-12-01', '2026-12-31'],
    ['this_quarter', '2026-12-02', '2026-10-01', '2026-12-02'],
    ['this_quarter', '2026-03-31', '2026-01-01', '2026-03-31'],
    ['last_quarter', '2026-02-10', '2025-10-01', '2025-12-31'],
    ['last_quarter', '2026-08-10', '2026-04-01', '2026-06-30'],
    ['this_year', '2026-12-02', '2026-01-01', '2026-12-02'],
    ['last_12_months', '2026-12-02', '2026-01-01', '2026-12-02'],
    ['last_12_months', '2026-02-28', '2025-03-01', '2026-02-28'],
  ] as const)('%s seen from %s is %s to %s', (preset, today, from, to) => expect(presetPeriod(preset, today)).toEqual({ from, to }));
});
