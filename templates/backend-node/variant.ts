import { backendConfigSlots, backendSharedLayer } from '../../src/layers/backend-shared.js';
import { PM_COMMANDS } from '../../src/package-managers.js';
import { defineBackend, type BackendNextSteps } from '../../src/variants/types.js';

const nextSteps: BackendNextSteps = { configFile: 'backend/.env', configExample: 'backend/.env.example' };

/** A Hono server on Node.js with libSQL, bundled by esbuild; hosted anywhere Node runs. */
export default defineBackend({
  id: 'node',
  label: 'Node.js server',
  hint: 'a Hono server you can host anywhere Node runs',
  nextSteps,
  layers: (options, backendUi) => {
    const pm = PM_COMMANDS[options.packageManager];
    return [
      backendSharedLayer(options),
      backendUi,
      {
        templateDir: 'backend-node',
        scripts: {
          'build:backend': ['cd backend', `${pm.runScript} build`],
          'start:backend': ['cd backend', `${pm.runScript} start`],
        },
        installScripts: ['esbuild'],
        slots: {
          ...backendConfigSlots(nextSteps),
          backendName: 'Node.js server',
          backendDescription: 'a Node.js server (Hono)',
          backendDatabase: 'libSQL',
          backendEntry: 'backend/src/kit/node-server.ts',
          readmeMigrationApply: `The server applies the migration at its next start (also \`${pm.run} dev:backend\` and production).`,
        },
      },
    ];
  },
});
