import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start real servers and SQLite files; two workers match the 2-core machines.
    maxWorkers: 2,
    reporters: ['default', './test/reporters/plainSummary.ts'],
  },
});
