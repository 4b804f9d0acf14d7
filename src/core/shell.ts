/**
 * The shell a printed command is meant for, so that it runs as printed when pasted: POSIX shells
 * (also Git Bash on Windows), PowerShell and cmd.exe quote, chain and copy differently.
 */
import path from 'node:path';

export type ShellKind = 'posix' | 'powershell' | 'cmd';

export interface Shell {
  kind: ShellKind;
  /** The path functions of the platform the CLI runs on (path.win32 on Windows, whatever the shell) */
  path: typeof path.posix;
  /** One argument, quoted only when it needs to be */
  quote(value: string): string;
  /** `first`, then `second` if it succeeded */
  and(first: string, second: string): string;
  /** Change into a folder (cmd: also onto its drive) */
  cd(folder: string): string;
  /** Copy a file; paths relative to the project, written with `/` */
  copy(from: string, to: string): string;
}

/** The shell of this run: `platform` and `env` are the process's, or simulated ones in tests. */
export function currentShell(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Shell {
  return shellFor(detectShell(platform, env), platform);
}

/**
 * Which shell started us. On Windows: a POSIX shell sets SHELL or MSYSTEM (Git Bash, MSYS2,
 * Cygwin); PowerShell adds the user's own modules folder (under the profile) to PSModulePath for
 * what it starts, where cmd.exe inherits only the system-wide entries.
 */
export function detectShell(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): ShellKind {
  if (platform !== 'win32') return 'posix';
  if (env.MSYSTEM || env.SHELL) return 'posix';
  const profile = (env.USERPROFILE ?? '').toLowerCase();
  const modules = (env.PSModulePath ?? '').toLowerCase().split(';');
  return profile !== '' && modules.some((entry) => entry.startsWith(`${profile}\\`)) ? 'powershell' : 'cmd';
}

const POSIX_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
// PowerShell: a leading @ splats and a comma makes an array, so both need quotes there.
const POWERSHELL_SAFE = /^(?!@)[A-Za-z0-9_@%+=:./\\-]+$/;
const CMD_SAFE = /^[A-Za-z0-9_@+=:,./\\-]+$/;

export function posixQuote(value: string): string {
  if (POSIX_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function powershellQuote(value: string): string {
  if (POWERSHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

function cmdQuote(value: string): string {
  if (CMD_SAFE.test(value)) return value;
  // Inside double quotes cmd.exe takes & | < > ^ literally; a program reads \" as a quote.
  return `"${value.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

const backslashes = (file: string) => file.replaceAll('/', '\\');

export function shellFor(kind: ShellKind, platform: NodeJS.Platform): Shell {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  switch (kind) {
    case 'powershell':
      return {
        kind,
        path: paths,
        quote: powershellQuote,
        // Windows PowerShell 5.1 has no &&.
        and: (first, second) => `${first}; if ($?) { ${second} }`,
        cd: (folder) => `cd ${powershellQuote(folder)}`,
        copy: (from, to) => `Copy-Item ${powershellQuote(backslashes(from))} ${powershellQuote(backslashes(to))}`,
      };
    case 'cmd':
      return {
        kind,
        path: paths,
        quote: cmdQuote,
        and: (first, second) => `${first} && ${second}`,
        cd: (folder) => `cd ${/^[A-Za-z]:/.test(folder) ? '/d ' : ''}${cmdQuote(folder)}`,
        copy: (from, to) => `copy ${cmdQuote(backslashes(from))} ${cmdQuote(backslashes(to))}`,
      };
    default:
      return {
        kind,
        path: paths,
        quote: posixQuote,
        and: (first, second) => `${first} && ${second}`,
        cd: (folder) => `cd ${posixQuote(folder)}`,
        copy: (from, to) => `cp ${posixQuote(from)} ${posixQuote(to)}`,
      };
  }
}
