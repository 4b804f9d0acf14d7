// Recommended rules, the layers' import boundaries, then Prettier's. No rules that need types (`lint` would be as slow as tsc).
import { dirname, relative, resolve } from 'node:path';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const OWNER_CODE = ['src', 'backend/src'];
const KIT = ['src/kit', 'backend/src/kit'];
const inside = (path, folder) => !relative(resolve(import.meta.dirname, folder), path).startsWith('..');

/** Upgrades replace the kit whole: it imports only types from the owner's modules, whose values are passed in (`startApp`). */
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
            context.report({ node: node.source, message: `The kit cannot import the app's code (${spec}): pass it in instead.` });
          }
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

/** The renderer may name main's types (the router's, for tRPC's inference) but never bundle main's code. */
const rendererImports = {
  group: ['**/main/**', '**/preload/**'],
  allowTypeImports: true,
  message: 'The renderer cannot run main or preload code: move what both need to src/kit/shared/.',
};

export default defineConfig(
  globalIgnores([
    '**/out/',
    '**/dist/',
    '**/coverage/',
    'backend/.wrangler/',
    'test-results/',
    'playwright-report/',
    '.create-electron-clerk-trpc-backup-*/', // what create-electron-clerk-trpc moved aside (--force, upgrade, add)
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/renderer/**', 'src/kit/renderer/**', 'src/kit/ipc/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [rendererImports] }] },
  },
  { files: ['src/kit/**', 'backend/src/kit/**'], plugins: { kit: kitBoundary }, rules: { 'kit/no-owner-imports': 'error' } },
  // Fakes stand in for Electron's loosely typed APIs.
  { files: ['test/**', 'e2e/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  prettier,
);
