/** The closing message: commands for the chosen package manager and the Clerk setup left to do. */
import { isAbsolute, relative } from 'node:path';
import type { ProjectOptions } from '../options.js';
import { DEV_SERVER_ORIGIN, PM_COMMANDS } from '../plan/context.js';
import { shellQuote, type Colors } from './output.js';

export interface NextStepsInput {
  options: ProjectOptions;
  cwd: string;
  target: string;
  installed: boolean;
}

/** How to show the target: relative when it is below cwd, absolute otherwise ('.' for cwd itself). */
export function displayPath(cwd: string, target: string): string {
  const rel = relative(cwd, target);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? target : rel;
}

export function nextSteps({ options, cwd, target, installed }: NextStepsInput, colors: Colors): string[] {
  const pm = PM_COMMANDS[options.packageManager];
  const lines: string[] = ['', colors.bold('Next steps:')];
  const shown = displayPath(cwd, target);
  if (shown !== '.') lines.push(`  cd ${shellQuote(shown)}`);
  if (!installed) lines.push(`  ${pm.install}`);
  lines.push(`  ${pm.run} dev`);
  lines.push(`  ${pm.run} test`);

  lines.push('', colors.bold('Clerk setup still to do (https://dashboard.clerk.com):'));
  let step = 1;
  if (!options.clerkPublishableKey) {
    lines.push(`  ${step++}. Put your publishable key in .env: VITE_CLERK_PUBLISHABLE_KEY=pk_test_…`);
  }
  lines.push(`  ${step++}. Native applications: enable the Native API for the instance.`);
  lines.push(`  ${step++}. Allowed origins: add ${options.scheme}://renderer (packaged app) and ${DEV_SERVER_ORIGIN} (dev).`);
  if (options.backend === 'cloudflare') {
    lines.push(`  ${step++}. Backend: put CLERK_SECRET_KEY in backend/.dev.vars locally and \`wrangler secret put CLERK_SECRET_KEY\` in production.`);
  } else if (options.backend === 'node') {
    lines.push(`  ${step++}. Backend: set CLERK_SECRET_KEY (or CLERK_JWT_KEY) in the backend's environment; never in the desktop app.`);
  }
  return lines;
}
