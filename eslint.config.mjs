// ESLint (flat config), the same set-up the generated apps use (templates/base/eslint.config.mjs):
// JavaScript's and typescript-eslint's recommended rules, eslint-config-prettier last (formatting is
// Prettier's job; `npm run lint` runs `prettier --check`). Type-aware rules are left out: `typecheck`
// already runs the compiler over every project.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `npm run lint` names this repository's own folders: an app scaffolded inside a clone (the README's
// first command writes my-app/ here) is the app's to lint, with its own config.
export default defineConfig(
  // templates/ is the generated apps' code: each app lints it with its own config (the e2e and matrix
  // runs call `lint` in every generated app). test/snapshots holds rendered copies of it; test/kit
  // the kit's tests, which run inside those apps.
  globalIgnores(['**/node_modules/', 'dist/', 'templates/', 'test/kit/', 'test/snapshots/trees/', 'bench/results/', 'coverage/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_` marks an unused parameter on purpose.
      // Terminal control codes are this CLI's business: it strips them from input and checks its output for them.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Preloaded with `node --require` into timed processes: CommonJS on purpose.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Fakes stand in for loosely typed APIs (listeners of any arguments, prompts' injected answers).
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
