import { describe, expect, it } from 'vitest';
import { crashHarness } from '../bench/crash';

// The small version of `npm run -s bench -- crash --runs 200` (issue 8): ten kills at random moments.
describe('a workstation killed at random moments', () => {
  it(
    'reopens every time with its integrity, every acknowledged write, its outbox and its audit chain intact',
    { timeout: 240_000 },
    async () => {
      // A new seed each run, so CI keeps trying new moments; a failure names it for `bench -- crash --seed`.
      const seed = Date.now() % 100_000;
      const report = await crashHarness({ runs: 10, seed, maxKillAfterMs: 1500, log: () => undefined });
      expect(report, `seed ${seed}`).toMatchObject({
        runs: 10,
        integrity_failures: 0,
        lost_acknowledged: 0,
        audit_breaks: 0,
        outbox_breaks: 0,
      });
      // Work really happened between the kills: contacts, imports, reminder actions and syncs were acknowledged.
      expect(report.acknowledged).toBeGreaterThan(100);
    },
  );
});
