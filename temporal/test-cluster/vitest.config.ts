import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The cluster suite (`npm run test:cluster`): one file, one cluster, scenarios in order. Apart
// from `npm test` because it needs the Temporal server and PostgreSQL that scripts/cluster installs.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test-cluster/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 420_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
