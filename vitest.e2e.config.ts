import { defineConfig } from 'vitest/config';

// End-to-end: the built renderer in Debian's Chromium, through the real browser host, as staff would use it.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/fixtures/cleanup.ts'],
    fileParallelism: false,
    // A screen that waits on main (a sign-in's or unlock's scrypt of ~1 s, a sync) may take a few seconds on a busy
    // two-core CI machine; vitest's 1 s default for expect.poll made those steps flaky.
    expect: { poll: { timeout: 10_000 } },
  },
});
