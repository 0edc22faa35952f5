import { defineConfig } from 'vitest/config';

// End-to-end: the built renderer in Debian's Chromium, through the real browser host, as staff would use it.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
