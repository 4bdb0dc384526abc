import { defineConfig } from 'vitest/config';

// One system, one browser, steps in order: no parallel files, generous timeouts (2 shared cores).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    sequence: { concurrent: false },
    reporters: ['verbose'],
    // A node package installed from outside the repository ships JavaScript importing @braid/sdk,
    // which in this repository is TypeScript source: vitest runs it through its own transform.
    server: { deps: { inline: [/node_modules\/@acme\/braid-loyalty\//] } },
  },
});
