/**
 * Contributor tool: render templates straight from this checkout into a folder, without the CLI's
 * checks, leaving node_modules and other untracked files in place so you can iterate on a template
 * and re-run the generated app's checks quickly.
 *
 *   npx tsx scripts/dev-generate.ts <dir> [--framework react] [--backend none] [--token-storage memory] [--package-manager npm] [--with workers]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ProjectOptions } from '../src/options.js';
import { planProject } from '../src/plan/planner.js';
import { readLayersFrom } from '../src/plan/template-files.js';
import { normalizeAddonIds } from '../src/variants/select.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    framework: { type: 'string', default: 'react' },
    backend: { type: 'string', default: 'none' },
    'token-storage': { type: 'string', default: 'safe-storage' },
    'package-manager': { type: 'string', default: 'npm' },
    scheme: { type: 'string' },
    'clerk-publishable-key': { type: 'string' },
    with: { type: 'string', default: '' },
  },
});
const target = resolve(positionals[0] ?? 'my-app');
const projectName = basename(target);
const options = {
  projectName,
  framework: values.framework,
  backend: values.backend,
  tokenStorage: values['token-storage'],
  addons: normalizeAddonIds(values.with.split(',')),
  packageManager: values['package-manager'],
  scheme: values.scheme ?? projectName.replace(/[^a-z0-9+.-]/gi, '').toLowerCase(),
  clerkPublishableKey: values['clerk-publishable-key'],
} as ProjectOptions;
const plan = planProject(options, readLayersFrom(join(import.meta.dirname, '..', 'templates')));
for (const [path, contents] of plan) {
  const full = join(target, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, contents);
}
console.log(`wrote ${plan.size} files to ${target}`);
