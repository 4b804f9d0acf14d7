// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules for every file, the
// UI framework's rules from eslint.framework.mjs, and eslint-config-prettier last, which turns off
// every rule that would fight Prettier: formatting is Prettier's job (`lint` runs `prettier --check`).
// Rules that need type information are left out on purpose: they would make `lint` as slow as
// `typecheck`, which already runs tsc over every project.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import framework from './eslint.framework.mjs';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/out/',
    '**/dist/',
    '**/coverage/',
    'backend/.wrangler/',
    'test-results/',
    'playwright-report/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Build configs, scripts and main run on Node.js; the renderer's globals come below.
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_` marks an unused parameter on purpose (a listener's event, a positional argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/renderer/**', 'src/ipc/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The renderer is web code: it shares modules with main through src/shared/ and src/ipc/, and
      // may name main's types (the router's, for tRPC's inference) but never bundle main's code.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/preload/**'],
              allowTypeImports: true,
              message: 'The renderer cannot run main or preload code: move what both need to src/shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Fakes stand in for Electron's loosely typed APIs (listeners of any arguments).
    files: ['test/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  framework,
  prettier,
);
