import type { BackendNextSteps } from '../variants/types.js';
import { PM_COMMANDS } from '../package-managers.js';
import { DOCTOR } from './base.js';
import type { LayerFactory } from './types.js';

/**
 * What every backend target shares: the router and Clerk verification in `backend/src`, main's
 * remote tRPC client, the workspace set-up and the `dev` runner that starts backend and Electron.
 * A backend module lists it first, then the framework's backend UI, then its own layer.
 */
export const backendSharedLayer: LayerFactory = (options) => {
  const run = PM_COMMANDS[options.packageManager].runScript;
  return {
    templateDir: 'backend-shared',
    // eventsource: main's SSE client for backend subscriptions (src/kit/main/remote/backend.ts).
    dependencies: ['eventsource'],
    devDependencies: ['concurrently'],
    scripts: {
      // Backend and Electron together after the offline checks: one Ctrl+C stops both, and so does either
      // one stopping (quitting the app, a backend that cannot start); the app's exit is the exit code.
      dev: [
        `${DOCTOR} --fast`,
        `concurrently --kill-others --success first -n backend,app -c blue,magenta "${run} dev:backend" "${run} dev:app"`,
      ],
      'dev:app': { copyOf: 'dev' },
      // The check first: run inside backend/, a failing script buries its message under the
      // package manager's own error lines.
      'dev:backend': [`${DOCTOR} node backend-config`, 'cd backend', `${run} dev`],
      // The backend keeps its own tests and tsconfig (Worker or Node types); run them too.
      typecheck: { append: ['cd backend', `${run} typecheck`] },
      test: { append: ['cd backend', `${run} test`] },
    },
    // One install at the root also installs backend/ (for pnpm, the planner writes pnpm-workspace.yaml).
    manifest: { workspaces: ['backend'] },
    features: ['remoteApi'],
  };
};

/** The slots every backend fills from where it reads its local Clerk settings. */
export function backendConfigSlots({ configFile, configExample, configFallbacks = [], environmentSwitch }: BackendNextSteps) {
  const inBackend = (path: string) => path.replace(/^backend\//, '');
  // What doctor's backend-config check reads (scripts/doctor.mjs), relative to backend/.
  const quoted = (items: readonly string[]) => items.map((item) => `'${item}'`).join(', ');
  const spec = [
    `files: [${quoted([configFile, ...configFallbacks].map(inBackend))}]`,
    `example: '${inBackend(configExample)}'`,
    ...(environmentSwitch ? [`environmentSwitch: '${environmentSwitch}'`] : []),
  ];
  return {
    backendConfigFile: configFile,
    backendConfigExample: configExample,
    backendConfigSpec: `{ ${spec.join(', ')} }`,
  };
}
