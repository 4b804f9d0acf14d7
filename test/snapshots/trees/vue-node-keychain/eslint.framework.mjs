// Vue's part of eslint.config.mjs: eslint-plugin-vue's recommended rules for single-file
// components, with TypeScript in <script setup lang="ts"> parsed by typescript-eslint.
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

export default [
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    rules: {
      // TypeScript checks names (vue-tsc in `typecheck`); ESLint's no-undef does not know types.
      'no-undef': 'off',
      // App.vue, Home.vue: single-word names of the app's own top-level components, never HTML tags.
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // Tests define small throwaway components inline.
    files: ['test/**'],
    rules: { 'vue/one-component-per-file': 'off' },
  },
];
