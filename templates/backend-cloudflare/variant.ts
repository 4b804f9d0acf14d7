import { backendConfigSlots, backendSharedLayer } from '../../src/layers/backend-shared.js';
import { PM_COMMANDS } from '../../src/package-managers.js';
import { defineBackend, type BackendNextSteps } from '../../src/variants/types.js';

/** wrangler reads .dev.vars, else .env, and the environment only when told to. */
const nextSteps: BackendNextSteps = {
  configFile: 'backend/.dev.vars',
  configExample: 'backend/.dev.vars.example',
  configFallbacks: ['backend/.env'],
  environmentSwitch: 'CLOUDFLARE_INCLUDE_PROCESS_ENV',
};

/**
 * A Cloudflare Worker with D1, run offline by wrangler dev. Long contributions are files:
 * slots/ciBackendSetup.hbs (CI's .dev.vars) and slots/releaseJobs.hbs (release.yml's deploy job).
 */
export default defineBackend({
  id: 'cloudflare',
  label: 'Cloudflare Worker',
  hint: 'runs offline with wrangler dev; deploy:backend publishes it',
  nextSteps,
  layers: (options, backendUi) => {
    const pm = PM_COMMANDS[options.packageManager];
    return [
      backendSharedLayer(options),
      backendUi,
      {
        templateDir: 'backend-cloudflare',
        scripts: { 'deploy:backend': ['cd backend', `${pm.runScript} deploy`] },
        installScripts: ['workerd', 'esbuild'],
        slots: {
          ...backendConfigSlots(nextSteps),
          backendName: 'Cloudflare Worker',
          backendDescription: 'a Cloudflare Worker',
          backendDatabase: 'D1',
          backendEntry: 'backend/src/worker.ts',
          readmeMigrationApply: `\`${pm.run} dev:backend\` applies the migration to the local D1 at its next start, \`${pm.run} deploy:backend\` to the remote one.`,
          readmeCommands: `| \`${pm.run} deploy:backend\` | deploys the Worker in \`backend/\` |`,
          readmeRelease: '  With a `CLOUDFLARE_API_TOKEN` secret it also deploys `backend/` with wrangler.',
          releaseSecrets: '#   Backend deploy       CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID',
        },
      },
    ];
  },
});
