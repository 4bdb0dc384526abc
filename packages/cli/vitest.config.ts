import { defineConfig } from 'vitest/config';

// The machine is shared and often busy: generous timeouts, and tests never assert wall time.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
