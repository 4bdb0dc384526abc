// One flat config for the whole workspace.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', 'data/**', '.tools/**', '**/*.d.ts', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O.
    files: ['temporal/src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', '@braid/db', '@braid/channels', '@libsql/*'] }],
    },
  },
  {
    // Isomorphic packages: shared by browser, API and workflow code.
    files: ['packages/sdk/src/**/*.ts', 'packages/journey/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/bench/**', '**/*.server.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'crypto', 'os', 'react', 'react-dom', '@braid/db', '@libsql/*'] }],
    },
  },
);
