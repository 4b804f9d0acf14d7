// React's part of eslint.config.mjs: the rules of hooks (the React team's plugin) and, for Vite's
// fast refresh, component modules that export components only (lib/ holds hooks and providers).
// The plugin's React Compiler rules (its `recommended` set) are left out: they compile every
// component and would double the time `lint` takes.
import reactHooks from 'eslint-plugin-react-hooks';
import { reactRefresh } from 'eslint-plugin-react-refresh';

export default [
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/renderer/**/*.tsx'],
    ignores: ['src/renderer/src/lib/**'],
    ...reactRefresh.configs.vite(),
  },
];
