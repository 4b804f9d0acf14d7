/** The generated apps the size, install and first-paint benches measure (apps/<name> in the work folder). */
export interface BenchApp {
  name: string;
  label: string;
  /** CLI flags besides --no-install --no-git --yes */
  args: readonly string[];
  /** needs the CLI's `--with` */
  addons?: boolean;
}

export const DEFAULT_APP: BenchApp = { name: 'app-0', label: 'default (react, cloudflare, safe-storage)', args: [] };

export const SIZE_APPS: readonly BenchApp[] = [
  DEFAULT_APP,
  {
    name: 'vue-node-keychain',
    label: 'vue, node, keychain',
    args: ['--framework', 'vue', '--backend', 'node', '--token-storage', 'keychain'],
  },
  {
    name: 'vanilla-none-memory',
    label: 'vanilla, none, memory',
    args: ['--framework', 'vanilla', '--backend', 'none', '--token-storage', 'memory'],
  },
  { name: 'default-all-addons', label: 'default + every add-on', args: ['--with', 'offline,workers'], addons: true },
];

/** The default app without a backend: the install-weight goal compares it with the anchor. */
export const NO_BACKEND_APP: BenchApp = {
  name: 'react-none-safe-storage',
  label: 'default without a backend (react, none, safe-storage)',
  args: ['--backend', 'none'],
};

/** The install-weight goal: the default app without a backend at most this many times the anchor's node_modules. */
export const INSTALL_GOAL = 1.6;

/** One app per renderer for first paint (the backend does not change the renderer's bundle much). */
export const PAINT_APPS: readonly BenchApp[] = [
  { name: 'app-0', label: 'react (default app)', args: [] },
  SIZE_APPS[1]!,
  SIZE_APPS[2]!,
];
