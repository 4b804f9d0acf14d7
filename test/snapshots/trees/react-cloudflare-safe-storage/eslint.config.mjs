// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules for every file, the
// UI framework's rules from eslint.framework.mjs, and eslint-config-prettier last, which turns off
// every rule that would fight Prettier: formatting is Prettier's job (`lint` runs `prettier --check`).
// Rules that need type information are left out on purpose: they would make `lint` as slow as
// `typecheck`, which already runs tsc over every project.
import { dirname, relative, resolve } from 'node:path';

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import framework from './eslint.framework.mjs';

/** The folders of the owner's code that ours (src/kit, backend/src/kit) must not depend on. */
const OWNER_CODE = ['src', 'backend/src'];
const KIT = ['src/kit', 'backend/src/kit'];
const inside = (path, folder) => !relative(resolve(import.meta.dirname, folder), path).startsWith('..');

/**
 * The kit is replaced as a whole by upgrades, so it may not import the owner's modules (the
 * owner's router, screens, backend router or store): they are passed in (`startApp({ router })`).
 * Types are allowed: the kit's tRPC client is typed from the owner's router.
 */
const kitBoundary = {
  rules: {
    'no-owner-imports': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string' || !spec.startsWith('.') || node.importKind === 'type' || node.exportKind === 'type')
            return;
          const target = resolve(dirname(context.filename), spec);
          if (OWNER_CODE.some((folder) => inside(target, folder)) && !KIT.some((folder) => inside(target, folder))) {
            context.report({
              node: node.source,
              message: `The kit cannot import the app's own code (${spec}): pass it in instead.`,
            });
          }
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/out/',
    '**/dist/',
    '**/coverage/',
    'backend/.wrangler/',
    'test-results/',
    'playwright-report/',
    // What create-electron-clerk-trpc moved aside (--force, upgrade, add): kept for the owner, not linted.
    '.create-electron-clerk-trpc-backup-*/',
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
    files: ['src/renderer/**', 'src/kit/renderer/**', 'src/kit/ipc/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The renderer is web code: it shares modules with main through src/kit/shared/ and src/kit/ipc/, and
      // may name main's types (the router's, for tRPC's inference) but never bundle main's code.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/preload/**'],
              allowTypeImports: true,
              message: 'The renderer cannot run main or preload code: move what both need to src/kit/shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/kit/**', 'backend/src/kit/**'],
    plugins: { kit: kitBoundary },
    rules: { 'kit/no-owner-imports': 'error' },
  },
  {
    // Fakes stand in for Electron's loosely typed APIs (listeners of any arguments).
    files: ['test/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  framework,
  prettier,
);
