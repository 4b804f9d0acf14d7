/** The closing message: the commands left to run, for the chosen package manager and shell. */
import nodePath from 'node:path';
import type { ProjectOptions } from '../options.js';
import { PM_COMMANDS } from '../package-managers.js';
import { APP_NODE, isOlderThanAppNode } from '../core/node-version.js';
import type { Colors } from '../core/output.js';
import { currentShell, type Shell } from '../core/shell.js';

export interface NextStepsInput {
  options: ProjectOptions;
  cwd: string;
  target: string;
  installed: boolean;
  /** The Node.js running the CLI; default: this process's */
  nodeVersion?: string;
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
    shell = currentShell(process.platform, process.env),
  }: NextStepsInput,
  colors: Colors,
): string[] {
  const pm = PM_COMMANDS[options.packageManager];
  const comment = (text: string) => colors.dim(`${shell.kind === 'cmd' ? '& rem' : '#'} ${text}`);
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
  lines.push(
    `  ${pm.run} setup   ${comment("Clerk: asks for your instance's secret key once (stored nowhere), sets it up, writes the keys")}`,
  );
  lines.push(`  ${pm.run} dev     ${comment(`${pm.run} doctor explains anything that is still missing`)}`);
  return lines;
}
