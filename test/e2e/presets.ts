/**
 * The generated apps the repo-level proof builds, installs and checks. `E2E_PRESETS` picks some by
 * name (comma-separated), `all` (the default) or `none`; `npm test` runs them all.
 */
import type { Combination } from '../../scripts/lib/generated-app.js';
import type { TokenStorage } from '../../src/options.js';

export interface E2ePreset extends Combination {
  name: string;
  /** Check out/ for the preload format, secrets, CSP and webPreferences */
  buildOutput?: boolean;
  /** Load out/renderer in headless Chromium against the real main handler */
  renderer?: boolean;
  /** Start `dev:backend` and call /trpc/health */
  backendHealth?: boolean;
  /** Plant lint faults (unused variable, `debugger`, bad formatting) and expect `lint` to fail */
  lintFaults?: boolean;
  /** Add a procedure to the backend router only, call it from the renderer's client, typecheck */
  addProcedure?: boolean;
  /** Last: the README's "Add a table" on the backend (checks/add-a-table.ts) */
  addTable?: boolean;
  /** Last: the README's "Switch the token storage" to this one (checks/switch-token-storage.ts) */
  switchTokenStorage?: TokenStorage;
}

export const E2E_PRESETS: readonly E2ePreset[] = [
  {
    name: 'react-none',
    framework: 'react',
    backend: 'none',
    tokenStorage: 'safe-storage',
    packageManager: 'npm',
    buildOutput: true,
    renderer: true,
    switchTokenStorage: 'keychain',
  },
  {
    name: 'vue-none',
    framework: 'vue',
    backend: 'none',
    tokenStorage: 'memory',
    packageManager: 'npm',
    buildOutput: true,
    renderer: true,
    lintFaults: true,
    switchTokenStorage: 'safe-storage',
  },
  {
    name: 'vanilla-none',
    framework: 'vanilla',
    backend: 'none',
    tokenStorage: 'keychain',
    packageManager: 'npm',
    buildOutput: true,
    renderer: true,
    switchTokenStorage: 'memory',
  },
  {
    name: 'react-cloudflare',
    framework: 'react',
    backend: 'cloudflare',
    tokenStorage: 'safe-storage',
    packageManager: 'npm',
    backendHealth: true,
    addProcedure: true,
    addTable: true,
  },
  {
    name: 'react-node-pnpm',
    framework: 'react',
    backend: 'node',
    tokenStorage: 'safe-storage',
    packageManager: 'pnpm',
    backendHealth: true,
  },
];

export function selectPresets(spec: string | undefined, presets: readonly E2ePreset[] = E2E_PRESETS): E2ePreset[] {
  const wanted = (spec ?? 'all').trim();
  if (wanted === '' || wanted === 'all') return [...presets];
  if (wanted === 'none') return [];
  const names = wanted
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !presets.some((preset) => preset.name === name));
  if (unknown.length > 0) {
    throw new Error(`E2E_PRESETS: unknown preset ${unknown.join(', ')}; known: ${presets.map((p) => p.name).join(', ')}`);
  }
  return presets.filter((preset) => names.includes(preset.name));
}
