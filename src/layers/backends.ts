import type { Backend, ProjectOptions } from '../options.js';
import { PM_COMMANDS } from '../plan/context.js';
import { baseLayer } from './base.js';
import type { Layer, LayerFactory } from './types.js';

/**
 * What every backend target shares: the router and Clerk verification in `backend/src`, main's
 * remote tRPC client, the workspace set-up and the `dev` runner that starts backend and Electron.
 */
const backendSharedLayer: LayerFactory = (options: ProjectOptions): Layer => {
  const run = PM_COMMANDS[options.packageManager].run;
  return {
    templateDir: 'backend-shared',
    devDependencies: ['concurrently'],
    scripts: {
      // One Ctrl+C stops both; if either exits, the other is stopped too.
      dev: `concurrently --kill-others --names backend,app --prefix-colors blue,magenta "${run} dev:backend" "${run} dev:app"`,
      'dev:app': baseLayer(options).scripts?.dev ?? 'electron-vite dev',
      'dev:backend': `cd backend && ${run} dev`,
    },
    // One install at the root also installs backend/ (pnpm reads pnpm-workspace.yaml instead).
    manifest: { workspaces: ['backend'] },
  };
};

/** The remote API and main's client for it. `none` adds nothing at all. */
export const backendLayers: Record<Backend, readonly LayerFactory[]> = {
  cloudflare: [
    backendSharedLayer,
    (options) => ({
      templateDir: 'backend-cloudflare',
      scripts: { 'deploy:backend': `cd backend && ${PM_COMMANDS[options.packageManager].run} deploy` },
      installScripts: ['workerd', 'esbuild'],
    }),
  ],
  node: [
    backendSharedLayer,
    (options) => ({
      templateDir: 'backend-node',
      scripts: { 'start:backend': `cd backend && ${PM_COMMANDS[options.packageManager].run} start` },
      installScripts: ['esbuild'],
    }),
  ],
  none: [],
};

export type { Layer };
