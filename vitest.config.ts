import { defineConfig } from 'vitest/config';

// Unit and integration tests sit beside their module (`x.test.ts`); cross-cutting suites live under test/.
export default defineConfig({
  test: {
    include: ['src-*/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    setupFiles: ['test/fixtures/cleanup.ts'],
  },
});
