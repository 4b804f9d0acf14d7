/**
 * The commands the CLI prints and starts, as they come out on Windows: simulated with path.win32
 * and a win32 platform, for PowerShell, cmd.exe and Git Bash.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invocationPrefix } from '../../src/cli/invocation.js';
import { displayPath, nextSteps } from '../../src/cli/next-steps.js';
import { retryCommand } from '../../src/cli/run.js';
import { detectShell, shellFor } from '../../src/core/shell.js';
import { installCommand } from '../../src/io/install.js';
import { BACKENDS, FRAMEWORKS, PACKAGE_MANAGERS, TOKEN_STORAGES, type ProjectOptions } from '../../src/options.js';
import { planProject } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';

const powershell = shellFor('powershell', 'win32');
const cmd = shellFor('cmd', 'win32');
const gitBash = shellFor('posix', 'win32');
const PROFILE = 'C:\\Users\\Ada Lovelace';

describe('which shell started the CLI', () => {
  it('POSIX off Windows, and in Git Bash or MSYS2 on Windows', () => {
    expect(detectShell('linux', {})).toBe('posix');
    expect(detectShell('darwin', { PSModulePath: `${PROFILE}\\Documents\\PowerShell\\Modules` })).toBe('posix');
    expect(detectShell('win32', { MSYSTEM: 'MINGW64', USERPROFILE: PROFILE })).toBe('posix');
  });

  it('PowerShell when its user modules folder is on PSModulePath, else cmd.exe', () => {
    const system = 'C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules';
    expect(
      detectShell('win32', { USERPROFILE: PROFILE, PSModulePath: `${PROFILE}\\Documents\\PowerShell\\Modules;${system}` }),
    ).toBe('powershell');
    expect(detectShell('win32', { USERPROFILE: PROFILE, PSModulePath: system })).toBe('cmd');
    expect(detectShell('win32', {})).toBe('cmd');
  });
});

describe('quoting', () => {
  it('leaves plain words alone in every shell', () => {
    for (const shell of [powershell, cmd, gitBash]) {
      expect(shell.quote('--framework')).toBe('--framework');
      expect(shell.quote('C:\\work\\my-app')).toBe(shell === gitBash ? "'C:\\work\\my-app'" : 'C:\\work\\my-app');
    }
  });

  it('PowerShell: single quotes (doubled inside), and for a leading @ or a comma, which it would read as code', () => {
    expect(powershell.quote('my app')).toBe("'my app'");
    expect(powershell.quote("Ada's app")).toBe("'Ada''s app'");
    expect(powershell.quote('@acme/my-app')).toBe("'@acme/my-app'");
    expect(powershell.quote('offline,workers')).toBe("'offline,workers'");
    expect(powershell.quote('$HOME')).toBe("'$HOME'");
  });

  it('cmd.exe: double quotes around spaces and & | < > ^, a quote escaped for the program', () => {
    expect(cmd.quote('my app')).toBe('"my app"');
    expect(cmd.quote('R&D')).toBe('"R&D"');
    expect(cmd.quote('a"b')).toBe('"a\\"b"');
    expect(cmd.quote('C:\\My Apps\\')).toBe('"C:\\My Apps\\\\"');
    expect(cmd.quote('@acme/my-app')).toBe('@acme/my-app');
  });
});

describe('paths with drive letters and backslashes', () => {
  it('relative below the current folder, absolute on another drive or above it', () => {
    expect(displayPath('C:\\Users\\ada', 'C:\\Users\\ada\\apps\\my-app', powershell.path)).toBe('apps\\my-app');
    expect(displayPath('C:\\Users\\ada', 'D:\\apps\\my-app', powershell.path)).toBe('D:\\apps\\my-app');
    expect(displayPath('C:\\Users\\ada\\clone', 'C:\\Users\\ada\\my-app', powershell.path)).toBe('C:\\Users\\ada\\my-app');
    expect(displayPath('C:\\Users\\ada', 'c:\\users\\ada', powershell.path)).toBe('.');
  });

  it('the command that starts the CLI again, from a clone and from a tarball run by npx', () => {
    const base = { env: {}, cwd: 'C:\\Users\\ada\\work', version: '1.2.3' };
    expect(
      invocationPrefix({ ...base, shell: cmd, scriptPath: 'C:\\Users\\ada\\work\\cect\\bin\\create-electron-clerk-trpc.js' }),
    ).toBe('node cect\\bin\\create-electron-clerk-trpc.js');
    expect(invocationPrefix({ ...base, shell: powershell, scriptPath: 'D:\\My Clone\\bin\\create-electron-clerk-trpc.js' })).toBe(
      "node 'D:\\My Clone\\bin\\create-electron-clerk-trpc.js'",
    );
    const npxRoot = 'C:\\Users\\ada\\AppData\\Local\\npm-cache\\_npx\\0a1b2c';
    const readText = (path: string) =>
      path === `${npxRoot}\\package.json`
        ? JSON.stringify({
            dependencies: { 'create-electron-clerk-trpc': 'file:../../../../../work/create-electron-clerk-trpc-1.2.3.tgz' },
          })
        : undefined;
    const scriptPath = `${npxRoot}\\node_modules\\create-electron-clerk-trpc\\bin\\create-electron-clerk-trpc.js`;
    expect(invocationPrefix({ ...base, shell: cmd, scriptPath, readText })).toBe('npx .\\create-electron-clerk-trpc-1.2.3.tgz');
  });
});

describe('printed commands', () => {
  it('the install retry chains the way each shell can (Windows PowerShell 5.1 has no &&)', () => {
    expect(retryCommand(powershell, 'My Apps\\my-app', 'npm')).toBe("cd 'My Apps\\my-app'; if ($?) { npm install }");
    expect(retryCommand(cmd, 'My Apps\\my-app', 'pnpm')).toBe('cd "My Apps\\my-app" && pnpm install');
    expect(retryCommand(cmd, 'D:\\apps\\my-app', 'npm')).toBe('cd /d D:\\apps\\my-app && npm install');
    expect(retryCommand(gitBash, '.', 'npm')).toBe('npm install');
  });

  const options: ProjectOptions = {
    projectName: 'my-app',
    framework: 'react',
    backend: 'cloudflare',
    tokenStorage: 'safe-storage',
    packageManager: 'npm',
    scheme: 'com.example.myapp',
    addons: [],
  };
  const plain = { bold: (s: string) => s, dim: (s: string) => s } as unknown as Parameters<typeof nextSteps>[1];
  const steps = (shell: typeof cmd) =>
    nextSteps(
      {
        options,
        cwd: 'C:\\Users\\ada',
        target: 'C:\\Users\\ada\\My Apps\\my-app',
        installed: false,
        nodeVersion: '22.12.0',
        shell,
      },
      plain,
    );

  it('next steps in cmd.exe: cd with backslashes, the install, and `& rem` comments', () => {
    const lines = steps(cmd);
    expect(lines).toContain('  cd "My Apps\\my-app"');
    expect(lines).toContain('  npm install');
    expect(lines).toContain('  npm run dev     & rem npm run doctor explains anything that is still missing');
  });

  it('next steps in PowerShell: cd with single quotes and # comments', () => {
    const lines = steps(powershell);
    expect(lines).toContain("  cd 'My Apps\\my-app'");
    expect(lines).toContain('  npm run dev     # npm run doctor explains anything that is still missing');
  });
});

describe('starting the package manager on Windows', () => {
  const lookup = (files: string[]) => ({
    env: { Path: 'C:\\Program Files\\nodejs\\;C:\\Users\\ada\\.bun\\bin', PATHEXT: '.COM;.EXE;.BAT;.CMD' },
    platform: 'win32' as const,
    isExecutable: (path: string) => files.includes(path),
  });

  it("runs npm's, pnpm's and yarn's .cmd shims and bun's .exe by their full path", () => {
    const files = [
      'C:\\Program Files\\nodejs\\npm.cmd',
      'C:\\Program Files\\nodejs\\pnpm.cmd',
      'C:\\Program Files\\nodejs\\yarn.cmd',
      'C:\\Users\\ada\\.bun\\bin\\bun.exe',
    ];
    expect(installCommand('npm', lookup(files))).toEqual(['C:\\Program Files\\nodejs\\npm.cmd', ['install']]);
    expect(installCommand('pnpm', lookup(files))).toEqual(['C:\\Program Files\\nodejs\\pnpm.cmd', ['install']]);
    expect(installCommand('yarn', lookup(files))).toEqual(['C:\\Program Files\\nodejs\\yarn.cmd', []]);
    expect(installCommand('bun', lookup(files))).toEqual(['C:\\Users\\ada\\.bun\\bin\\bun.exe', ['install']]);
  });

  it('falls back to the bare name when PATH has none, so the failure says it was not found', () => {
    expect(installCommand('pnpm', lookup([]))).toEqual(['pnpm', ['install']]);
  });
});

describe('line endings', () => {
  const root = join(import.meta.dirname, '..', '..');
  it('this repository and every generated app check text out with LF on every OS', () => {
    for (const file of ['.gitattributes', 'templates/base/_gitattributes']) {
      const rules = readFileSync(join(root, file), 'utf8').split('\n');
      expect(rules, file).toContain('* text=auto eol=lf');
      expect(rules, file).toContain('*.png binary');
    }
  });

  it('no template holds a CRLF', () => {
    const files = readdirSync(join(root, 'templates'), { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    const crlf = files
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((path) => !path.endsWith('.png') && readFileSync(path).includes('\r\n'));
    expect(crlf).toEqual([]);
  });
});

describe("generated apps' npm scripts", () => {
  const readLayer = readLayersFrom(join(import.meta.dirname, '..', '..', 'templates'));
  // npm runs scripts with cmd.exe on Windows: no POSIX-only syntax, only commands and `&&`.
  const POSIX_ONLY = [/\brm -/, /\bcp /, /\bmv /, /\$\w/, /'/, /;/, /\bexport /, /(^|\s)[A-Z_]+=\S+ /, /\/dev\/null/, /\|\|/];

  it('use no POSIX-only shell syntax, in any combination or package manager', { timeout: 120_000 }, () => {
    const findings: string[] = [];
    for (const framework of FRAMEWORKS) {
      for (const backend of BACKENDS) {
        for (const tokenStorage of TOKEN_STORAGES) {
          for (const packageManager of PACKAGE_MANAGERS) {
            const files = planProject(
              { projectName: 'app', framework, backend, tokenStorage, packageManager, scheme: 'com.example.app', addons: [] },
              readLayer,
            );
            for (const path of ['package.json', 'backend/package.json']) {
              const manifest = files.get(path);
              if (!manifest) continue;
              const scripts = (JSON.parse(manifest.toString()) as { scripts?: Record<string, string> }).scripts ?? {};
              for (const [name, script] of Object.entries(scripts)) {
                if (POSIX_ONLY.some((pattern) => pattern.test(script))) findings.push(`${path} ${name}: ${script}`);
              }
            }
          }
        }
      }
    }
    expect([...new Set(findings)]).toEqual([]);
  });
});
