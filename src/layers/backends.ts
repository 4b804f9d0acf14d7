import type { Backend, ProjectOptions } from '../options.js';
import { PM_COMMANDS } from '../plan/context.js';
import { baseLayer, PREFLIGHT } from './base.js';
import { frameworkLayers } from './frameworks.js';
import type { Layer, LayerFactory } from './types.js';

const runScript = (options: ProjectOptions) => PM_COMMANDS[options.packageManager].runScript;

/** A root script as the layers before the backend layers define it (the framework's wins over base's). */
function earlierScript(options: ProjectOptions, name: string): string {
  const script = frameworkLayers[options.framework](options).scripts?.[name] ?? baseLayer(options).scripts?.[name];
  if (!script) throw new Error(`The backend layers extend the "${name}" script, which no earlier layer defines.`);
  return script;
}

/**
 * What every backend target shares: the router and Clerk verification in `backend/src`, main's
 * remote tRPC client, the workspace set-up and the `dev` runner that starts backend and Electron.
 */
const backendSharedLayer: LayerFactory = (options: ProjectOptions): Layer => {
  const run = runScript(options);
  return {
    templateDir: 'backend-shared',
    // eventsource: main's SSE client for backend subscriptions (src/main/remote/backend-client.ts).
    dependencies: ['eventsource'],
    devDependencies: ['concurrently'],
    scripts: {
      // Backend and Electron together; one Ctrl+C stops both (scripts/dev.mjs).
      dev: 'node scripts/dev.mjs',
      'dev:app': earlierScript(options, 'dev'),
      // The check first: run inside backend/, a failing script buries its message under the
      // package manager's own error lines.
      'dev:backend': `${PREFLIGHT} backend && cd backend && ${run} dev`,
      // The backend keeps its own tests and tsconfig (Worker or Node types); run them too.
      typecheck: `${earlierScript(options, 'typecheck')} && cd backend && ${run} typecheck`,
      test: `${earlierScript(options, 'test')} && cd backend && ${run} test`,
    },
    // One install at the root also installs backend/ (for pnpm, the planner writes pnpm-workspace.yaml).
    manifest: { workspaces: ['backend'] },
  };
};

/** The backend's procedures in the UI, per framework (a framework without one shows none). */
const backendUiLayers: Partial<Record<ProjectOptions['framework'], LayerFactory>> = {
  react: () => ({ templateDir: 'backend-react' }),
  vue: () => ({ templateDir: 'backend-vue' }),
  vanilla: () => ({ templateDir: 'backend-vanilla' }),
};

const cloudflareLayer: LayerFactory = (options) => ({
  templateDir: 'backend-cloudflare',
  scripts: { 'deploy:backend': `cd backend && ${runScript(options)} deploy` },
  installScripts: ['workerd', 'esbuild'],
});

const nodeLayer: LayerFactory = (options) => ({
  templateDir: 'backend-node',
  scripts: {
    'build:backend': `cd backend && ${runScript(options)} build`,
    'start:backend': `cd backend && ${runScript(options)} start`,
  },
  installScripts: ['esbuild'],
});

function withSharedLayers(target: LayerFactory): (options: ProjectOptions) => Layer[] {
  return (options) => {
    const ui = backendUiLayers[options.framework];
    return [backendSharedLayer(options), ...(ui ? [ui(options)] : []), target(options)];
  };
}

/** The remote API and main's client for it, as layers in order. `none` adds nothing at all. */
export const backendLayers: Record<Backend, (options: ProjectOptions) => Layer[]> = {
  cloudflare: withSharedLayers(cloudflareLayer),
  node: withSharedLayers(nodeLayer),
  none: () => [],
};

export type { Layer };
