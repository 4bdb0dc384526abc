import { defineConfig } from 'vitest/config';

// Tests run against a real Temporal dev server and real libSQL files: one file at a time,
// generous timeouts (two shared cores).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
