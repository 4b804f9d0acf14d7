/** The closing message: commands for the chosen package manager and the Clerk setup left to do. */
import type { ProjectOptions } from '../options.js';
import { PM_COMMANDS } from '../package-managers.js';
import { DEV_SERVER_ORIGIN } from '../plan/context.js';
import { VARIANTS } from '../variants/registry.js';
import type { VariantRegistry } from '../variants/types.js';
import { APP_NODE, isOlderThanAppNode } from '../core/node-version.js';
import nodePath from 'node:path';
import type { Colors } from '../core/output.js';
import { currentShell, type Shell } from '../core/shell.js';

export interface NextStepsInput {
  options: ProjectOptions;
  cwd: string;
  target: string;
  installed: boolean;
  /** The Node.js running the CLI; default: this process's */
  nodeVersion?: string;
  /** Where the backend's next steps come from; default: the built-in variants */
  registry?: VariantRegistry;
  /** What the project's files already hold (a folder written into with --force), so no step asks for it again */
  alreadySet?: { publishableKey?: boolean; backendConfig?: boolean };
  /** The shell the commands are printed for; default: this process's */
  shell?: Shell;
}

/** How to show the target: relative when it is below cwd, absolute otherwise ('.' for cwd itself). */
export function displayPath(cwd: string, target: string, path: Shell['path'] = nodePath): string {
  const rel = path.relative(cwd, target);
  if (rel === '') return '.';
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? target : rel;
}

export function nextSteps(
  {
    options,
    cwd,
    target,
    installed,
    nodeVersion = process.versions.node,
    registry = VARIANTS,
    alreadySet = {},
    shell = currentShell(process.platform, process.env),
  }: NextStepsInput,
  colors: Colors,
): string[] {
  const pm = PM_COMMANDS[options.packageManager];
  const backend = registry.backends.find((variant) => variant.id === options.backend)?.nextSteps;
  const lines: string[] = ['', colors.bold('Next steps:')];
  // The CLI warned at start-up, but that line has scrolled away by now.
  if (isOlderThanAppNode(nodeVersion)) {
    lines.push(
      `  Node.js ${nodeVersion.replace(/^v/, '')} is too old for the app: use ${APP_NODE.major}.${APP_NODE.minor} or newer (nvm install ${APP_NODE.major}, or https://nodejs.org)`,
    );
  }
  const shown = displayPath(cwd, target, shell.path);
  if (shown !== '.') lines.push(`  ${shell.cd(shown)}`);
  if (!installed) lines.push(`  ${pm.install}`);
  if (backend && !alreadySet.backendConfig)
    lines.push(
      `  ${shell.copy(backend.configExample, backend.configFile)}   ${colors.dim(`${shell.kind === 'cmd' ? '& rem' : '#'} then set CLERK_JWT_KEY (Clerk setup below)`)}`,
    );
  lines.push(`  ${pm.run} dev`);
  lines.push(`  ${pm.run} test`);

  lines.push('', colors.bold('Clerk setup still to do (https://dashboard.clerk.com; details in README.md):'));
  let step = 1;
  if (!options.clerkPublishableKey && !alreadySet.publishableKey) {
    lines.push(`  ${step++}. API keys: put the publishable key in .env: VITE_CLERK_PUBLISHABLE_KEY=pk_test_…`);
  }
  lines.push(`  ${step++}. Native applications: enable the Native API.`);
  lines.push(
    `  ${step++}. Allowed origins: add ${options.scheme}://renderer (packaged app) and ${DEV_SERVER_ORIGIN} (dev) with Clerk's Backend API (README.md has the curl command).`,
  );
  if (backend) {
    lines.push(
      `  ${step}. Backend: in ${backend.configFile}, set CLERK_JWT_KEY to API keys → JWT public key (PEM): tokens are verified without a network call. CLERK_SECRET_KEY only if the backend calls Clerk's Backend API; never in the desktop app.`,
    );
    if (backend.productionSecret) lines.push(`     In production: ${backend.productionSecret(pm)}`);
  }
  return lines;
}
