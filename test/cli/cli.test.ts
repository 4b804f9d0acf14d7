import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADDONS } from '../../src/addons/registry.js';
import { flagRows } from '../../src/cli/options-table.js';
import { isOlderThanAppNode } from '../../src/core/node-version.js';
import { ANSI, baseEnv, BIN, output, ON_WINDOWS, REPO_ROOT, runCli } from './helpers/cli.js';
import { hashTree } from './helpers/tree.js';

let sandbox: string;
beforeEach(() => {
  sandbox = join(mkdtempSync(join(tmpdir(), 'cect-cli-')), 'work');
  mkdirSync(sandbox);
});
afterEach(() => {
  rmSync(join(sandbox, '..'), { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(args, { cwd: sandbox });
const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('help and version', () => {
  it('--help lists every flag of the option table and exits 0', async () => {
    const result = await cli('--help');
    expect(result.code, output(result)).toBe(0);
    for (const [flag] of flagRows()) {
      for (const name of flag.match(/--?[a-zA-Z-]+/g) ?? []) {
        if (name.startsWith('--no-')) continue; // described on the positive flag's line
        expect(result.stdout, name).toContain(name);
      }
    }
    expect(result.stdout).toContain('--no-install to skip');
    expect(result.stdout).toMatch(/Exit codes: 0 success, 1 .*130 cancelled/);
    // The examples start the CLI the way this run was started, so they run as printed.
    expect(result.stdout).toContain(`$ node ${BIN} my-app --framework react`);
    const docs = /Docs: (.+)/.exec(result.stdout)![1]!;
    expect(existsSync(docs), docs).toBe(true);
  });

  it.each(['--version', '-V'])('%s prints the package version', async (flag) => {
    const result = await cli(flag);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });
});

describe('bad input: message on stderr, exit 1, nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'an unknown flag, with a suggestion',
      ['app', '--framwork', 'vue'],
      /unknown option '--framwork'[\s\S]*Did you mean --framework\?/,
    ],
    [
      'an invalid choice, listing allowed values',
      ['app', '--token-storage', 'disk'],
      /Allowed choices are safe-storage, keychain, memory/,
    ],
    ['a secret key given as publishable key', ['app', '--clerk-publishable-key', 'sk_live_abc'], /secret key/],
    [
      'a publishable key without its $',
      ['app', '--clerk-publishable-key', `pk_test_${Buffer.from('clerk.example.com').toString('base64')}`],
      /does not end with "\$"/,
    ],
    ['a reserved scheme', ['app', '--scheme', 'javascript'], /"javascript" is reserved/],
    ['an upper-case scheme', ['app', '--scheme', 'MyApp'], /lower case; for example "myapp"/],
    ['a scheme with an underscore, offering a valid one', ['app', '--scheme', 'My_Scheme'], /for example "my-scheme"/],
    [
      'a publishable key that decodes to bytes, without garbage',
      ['app', '--clerk-publishable-key', 'pk_test_abc'],
      /^(?![\s\S]*\uFFFD)[\s\S]*Clerk dashboard → API keys/,
    ],
    ['a scheme starting with a digit', ['app', '--scheme', '9app'], /start with a letter/],
    [
      'an unknown add-on, listing the add-ons',
      ['app', '--with', 'workers,nope'],
      /unknown add-on "nope"; the add-ons are: (\w+, )*workers\b/,
    ],
    ['--interactive with --yes', ['app', '--interactive', '--yes'], /contradict/],
    ['--interactive without a terminal', ['app', '--interactive'], /needs a terminal/],
    ['two directories', ['a', 'b'], /too many arguments/],
    [
      'a directory name that is not a package name',
      ['My App'],
      /"My App" \(the directory name\) is not a valid npm package name: the name contains capital letters[\s\S]*--name my-app/,
    ],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    const result = await cli(...args, '--no-install', '--no-git');
    expect(result.stderr, output(result)).toMatch(message);
    expect(result.code, output(result)).toBe(1);
    expect(readdirSync(sandbox)).toEqual([]);
  });

  // Runs once an add-on that needs a backend is registered.
  const needsBackend = ADDONS.find((addon) => addon.requiresBackend);
  it.runIf(needsBackend)('an add-on that needs a backend, with --backend none, naming the backends to choose', async () => {
    const result = await cli('app', '--with', needsBackend!.id, '--backend', 'none', '--no-install', '--no-git');
    expect(result.stderr, output(result)).toContain(
      `--with: the add-on "${needsBackend!.id}" needs a backend and --backend none has none: choose --backend cloudflare or --backend node`,
    );
    expect(result.code, output(result)).toBe(1);
    expect(readdirSync(sandbox)).toEqual([]);
  });

  it('a target that is a file', async () => {
    writeFileSync(join(sandbox, 'taken'), 'x');
    const result = await cli('taken');
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr).toMatch(/exists and is not a directory/);
  });

  it('a non-empty directory without --force lists what is there', async () => {
    writeFileSync(join(sandbox, 'notes.txt'), 'x');
    const result = await cli('.', '--no-install', '--no-git');
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr).toMatch(/is not empty:\n {2}notes\.txt\n[\s\S]*--force/);
  });
});

describe('non-interactive runs', () => {
  it('never prompts without a terminal, uses defaults and prints the equivalent command', async () => {
    const result = await cli('my-app', '--no-install', '--no-git');
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain(
      `node ${BIN} my-app --framework react --backend cloudflare --token-storage safe-storage --package-manager npm --scheme com.example.myapp --no-install --no-git --no-interactive`,
    );
    expect(result.stdout).not.toMatch(ANSI);
    expect(existsSync(join(sandbox, 'my-app', 'package.json'))).toBe(true);
    expect(readdirSync(join(sandbox, 'my-app')).filter((name) => name.startsWith('.create-electron'))).toEqual([]);
  });

  it('takes the package manager from npm_config_user_agent', async () => {
    const result = await runCli(['my-app', '--no-install', '--no-git', '--dry-run'], {
      cwd: sandbox,
      env: { npm_config_user_agent: 'pnpm/9.15.0 npm/? node/v22.12.0 linux x64', PATH: twoPackageManagers() },
    });
    expect(result.stdout).toContain('--package-manager pnpm');
    expect(result.stdout).toContain('pnpm');
  });

  it('--dry-run prints the planned tree with sizes and writes nothing', async () => {
    const result = await cli('my-app', '--dry-run', '--backend', 'none');
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toMatch(/package\.json {2}\d+(\.\d)? (B|kB)/);
    expect(result.stdout).toMatch(/\d+ files, /);
    expect(result.stdout).toContain('Dry run: nothing was written.');
    expect(result.stdout).toContain('create-electron-clerk-trpc.json');
    expect(readdirSync(sandbox)).toEqual([]);
  });

  it('prints next steps with the chosen package manager, a quoted path, then setup and dev', async () => {
    const result = await cli('dir with space/app', '--no-install', '--no-git', '--package-manager', 'bun', '--scheme', 'deskapp');
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain("cd 'dir with space/app'");
    expect(result.stdout).toContain('bun install');
    expect(result.stdout).toMatch(/bun run setup .*\n {2}bun run dev /);
  });

  it('takes a key pasted with spaces around it, and writes it trimmed', async () => {
    const key = `pk_test_${Buffer.from('clerk.example.com$').toString('base64')}`;
    const result = await cli('app', '--no-install', '--no-git', '--backend', 'none', '--clerk-publishable-key', `  ${key} `);
    expect(result.code, output(result)).toBe(0);
    expect(readFileSync(join(sandbox, 'app', '.env'), 'utf8')).toMatch(new RegExp(`^VITE_CLERK_PUBLISHABLE_KEY=${key}$`, 'm'));
  });

  it('warns (and still works) on a Node older than 22.12', async () => {
    const result = await cli('app', '--dry-run');
    expect(result.code, output(result)).toBe(0);
    if (isOlderThanAppNode(process.versions.node)) expect(result.stderr).toMatch(/needs Node >= 22\.12/);
    else expect(result.stderr).not.toMatch(/needs Node/);
    expect(isOlderThanAppNode('20.19.0')).toBe(true);
    expect(isOlderThanAppNode('22.11.9')).toBe(true);
    expect(isOlderThanAppNode('22.12.0')).toBe(false);
    expect(isOlderThanAppNode('v24.1.0')).toBe(false);
  });
});

/** `script` gives the CLI a real terminal, to check colour is on there and NO_COLOR turns it off. */
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasScript)('on a terminal', () => {
  const inTerminal = (env: Record<string, string | undefined>) =>
    execFileSync('script', ['-qec', `${process.execPath} ${BIN} app --dry-run --no-interactive`, '/dev/null'], {
      cwd: sandbox,
      env: baseEnv(env),
      encoding: 'utf8',
    });

  it('uses colour', () => {
    expect(inTerminal({ TERM: 'xterm-256color' })).toMatch(ANSI);
  });

  it('uses no ANSI codes at all with NO_COLOR', () => {
    expect(inTerminal({ TERM: 'xterm-256color', NO_COLOR: '1' })).not.toMatch(ANSI);
  });
});

/** A folder with stand-ins for npm and pnpm, so that more than one package manager is installed. */
function twoPackageManagers(): string {
  const bin = join(sandbox, '..', 'pm-bin');
  mkdirSync(bin, { recursive: true });
  for (const name of ['npm', 'pnpm']) {
    writeFileSync(join(bin, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, name), 0o755);
  }
  return `${bin}:${process.env.PATH}`;
}

/** The CLI in a real terminal (script(1)); `screen()` is the output without cursor codes. */
function inTerminalSession(args: string, env: Record<string, string | undefined>) {
  const child = spawn('script', ['-qec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], {
    cwd: sandbox,
    env: baseEnv({ TERM: 'xterm-256color', PATH: twoPackageManagers(), ...env }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    raw: () => raw,
    screen: () => raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''),
    closed,
  };
}

/** Colour and style codes (SGR), as opposed to cursor movement. */
const SGR = /\x1b\[[0-9;]*m/;

describe.skipIf(!hasScript)('questions on a terminal (the bundled prompts)', () => {
  const EVERYDAY = [
    'Renderer UI framework',
    'Backend that verifies',
    'Where should main keep',
    'Add-ons',
    'Package manager',
    'Clerk publishable key',
    'More options?',
  ];

  async function answerEveryQuestionWithEnter(session: ReturnType<typeof inTerminalSession>) {
    for (const question of EVERYDAY) {
      await expect.poll(session.screen, { timeout: 10_000 }).toContain(question);
      session.child.stdin.write('\r');
    }
    return session.closed;
  }

  it('asks the everyday questions (hints included), takes Enter as the default, and writes the app', async () => {
    const session = inTerminalSession('app --no-install --no-git', {});
    const code = await answerEveryQuestionWithEnter(session);
    expect(code, session.screen()).toBe(0);
    expect(session.screen()).toMatch(/Wrote \d+ files\./);
    expect(session.screen()).toContain('runs offline with wrangler dev');
    expect(session.screen()).not.toContain('Custom URL scheme');
    expect(JSON.parse(readFileSync(join(sandbox, 'app', 'package.json'), 'utf8'))).toMatchObject({ name: 'app' });
    expect(session.raw()).toMatch(SGR);
  }, 30_000);

  it('honours NO_COLOR in the questions too', async () => {
    const session = inTerminalSession('app --no-install --no-git', { NO_COLOR: '1' });
    const code = await answerEveryQuestionWithEnter(session);
    expect(code, session.screen()).toBe(0);
    expect(session.raw()).not.toMatch(SGR);
  }, 30_000);
});

describe('the app manifest (create-electron-clerk-trpc.json)', () => {
  /** Every file under a folder, relative path → sha256 in the manifest's form. */
  function hashesOnDisk(root: string): Record<string, string> {
    const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    return Object.fromEntries(
      files
        .map((entry) => join(entry.parentPath, entry.name))
        .map((full) => [
          full
            .slice(root.length + 1)
            .split('\\')
            .join('/'),
          `sha256-${createHash('sha256').update(readFileSync(full)).digest('base64')}`,
        ])
        .sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
  }

  it('lists every file the CLI wrote with the hash of its bytes on disk, but .env; the options, never the key', async () => {
    const key = `pk_test_${Buffer.from('clerk.example.com$').toString('base64')}`;
    const result = await cli(
      'app',
      '--no-install',
      '--no-git',
      '--backend',
      'node',
      '--with',
      'workers',
      '--clerk-publishable-key',
      key,
    );
    expect(result.code, output(result)).toBe(0);
    const root = join(sandbox, 'app');
    const text = readFileSync(join(root, 'create-electron-clerk-trpc.json'), 'utf8');
    expect(text).not.toContain(key);
    const manifest = JSON.parse(text) as { cliVersion: string; options: Record<string, unknown>; files: Record<string, string> };
    expect(manifest.cliVersion).toBe(version);
    expect(manifest.options).toMatchObject({ name: 'app', framework: 'react', backend: 'node', addons: ['workers'] });
    const { ['create-electron-clerk-trpc.json']: _self, ['.env']: env, ...others } = hashesOnDisk(root);
    expect(env).toBeDefined();
    expect(manifest.files).toEqual(others);
  });

  it('with --force, hashes what was written: a merged .env.example as merged; an untouched file of the owner is not listed', async () => {
    const root = join(sandbox, 'app');
    mkdirSync(root);
    writeFileSync(join(root, '.env.example'), 'MINE=1\n');
    writeFileSync(join(root, 'notes.txt'), 'mine');
    const result = await cli('app', '--no-install', '--no-git', '--backend', 'none', '--force');
    expect(result.code, output(result)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(root, 'create-electron-clerk-trpc.json'), 'utf8')) as {
      files: Record<string, string>;
    };
    expect(readFileSync(join(root, '.env.example'), 'utf8')).toMatch(/^MINE=1\n[\s\S]*VITE_CLERK_PUBLISHABLE_KEY/);
    expect(manifest.files['.env.example']).toBe(hashesOnDisk(root)['.env.example']);
    expect(manifest.files['notes.txt']).toBeUndefined();
  });
});

describe.skipIf(ON_WINDOWS)('commands the CLI prints run as printed', () => {
  const printedCommand = (stdout: string) => /Equivalent command:\n {2}(.+)\n/.exec(stdout)![1]!;
  const runPrinted = (command: string, cwd: string) =>
    spawnSync('sh', ['-c', command], { cwd, env: baseEnv(), encoding: 'utf8' });

  it('the equivalent command starts the CLI the way it was started and writes the same files', async () => {
    const result = await cli(
      'desk',
      '--framework',
      'vue',
      '--backend',
      'node',
      '--no-install',
      '--no-git',
      '--scheme',
      'com.acme.desk',
    );
    expect(result.code, output(result)).toBe(0);
    const command = printedCommand(result.stdout);
    expect(command.startsWith(`node ${BIN} desk `)).toBe(true);
    const again = join(sandbox, '..', 'again');
    mkdirSync(again);
    const rerun = runPrinted(command, again);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(hashTree(join(again, 'desk'))).toEqual(hashTree(join(sandbox, 'desk')));
  });

  it('the --name command suggested for an invalid folder name runs and keeps the folder', async () => {
    const refused = await cli('My App', '--no-install', '--no-git');
    expect(refused.code, output(refused)).toBe(1);
    const suggestion = /--name:\n {2}(.+)/.exec(refused.stderr)![1]!;
    const rerun = runPrinted(suggestion, sandbox);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(sandbox, 'My App', 'package.json'), 'utf8')).name).toBe('my-app');
  });

  it('the --force command suggested for a non-empty folder runs', async () => {
    writeFileSync(join(sandbox, 'notes.txt'), 'mine');
    const refused = await cli('.', '--no-install', '--no-git', '--backend', 'none');
    expect(refused.code, output(refused)).toBe(1);
    const suggestion = /nothing is deleted\):\n {2}(.+)/.exec(refused.stderr)![1]!;
    expect(suggestion).toContain('--force');
    const rerun = runPrinted(suggestion, sandbox);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(readFileSync(join(sandbox, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('scoped names, like create-vite', () => {
  it('@acme/my_app goes into the folder my_app with the scoped package name, and says so', async () => {
    const result = await cli('@acme/my_app', '--no-install', '--no-git', '--backend', 'none');
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain('@acme/my_app is a scoped package name: the app goes into the folder my_app');
    expect(existsSync(join(sandbox, '@acme'))).toBe(false);
    expect(JSON.parse(readFileSync(join(sandbox, 'my_app', 'package.json'), 'utf8')).name).toBe('@acme/my_app');
    expect(result.stdout).toContain('--scheme com.acme.myapp');
    // The printed command names the folder and the scoped name, and writes the same files.
    const command = /Equivalent command:\n {2}(.+)\n/.exec(result.stdout)![1]!;
    expect(command).toContain(' my_app --name @acme/my_app ');
    const again = join(sandbox, '..', 'again');
    mkdirSync(again);
    const rerun = spawnSync('sh', ['-c', command], { cwd: again, env: baseEnv(), encoding: 'utf8' });
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(hashTree(join(again, 'my_app'))).toEqual(hashTree(join(sandbox, 'my_app')));
  });
});

describe.skipIf(ON_WINDOWS)('package managers', () => {
  it('refuses a --package-manager that is not installed before writing anything, with the way out', async () => {
    const onlyNpm = join(sandbox, '..', 'only-npm');
    mkdirSync(onlyNpm);
    writeFileSync(join(onlyNpm, 'npm'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(onlyNpm, 'npm'), 0o755);
    const result = await runCli(['app', '--package-manager', 'bun', '--no-git'], { cwd: sandbox, env: { PATH: onlyNpm } });
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr).toContain('bun was not found on PATH');
    expect(result.stderr).toContain('https://bun.sh');
    expect(result.stderr).toMatch(/--package-manager npm/);
    expect(readdirSync(sandbox)).toEqual([]);
  });
});

describe('a reader that goes away (… | head -1)', () => {
  /** Runs the CLI and closes our end of its stdout after the first chunk, as `head -1` does. */
  function runWithClosedStdout(args: string[], env: Record<string, string> = {}) {
    return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: sandbox,
        env: baseEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stdout.once('data', () => child.stdout.destroy());
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it('--dry-run exits 0, with no EPIPE stack', async () => {
    const result = await runWithClosedStdout(['my-app', '--dry-run']);
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
    expect(result.code).toBe(0);
  });

  it.skipIf(ON_WINDOWS)('a full run still writes, installs and commits, and exits 0', async () => {
    const bin = join(sandbox, '..', 'fake-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\ntouch installed-marker\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    const result = await runWithClosedStdout(['my-app', '--backend', 'none'], {
      PATH: `${bin}:${process.env.PATH}`,
      GIT_AUTHOR_NAME: 'A',
      GIT_AUTHOR_EMAIL: 'a@example.com',
      GIT_COMMITTER_NAME: 'A',
      GIT_COMMITTER_EMAIL: 'a@example.com',
    });
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
    expect(result.code).toBe(0);
    expect(existsSync(join(sandbox, 'my-app', 'installed-marker'))).toBe(true);
    expect(existsSync(join(sandbox, 'my-app', '.git'))).toBe(true);
  });
});

describe.skipIf(ON_WINDOWS)('Ctrl+C during the install', () => {
  const installThatHangs = () => {
    const bin = join(sandbox, '..', 'slow-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'npm'), '#!/bin/sh\nexec sleep 30\n');
    chmodSync(join(bin, 'npm'), 0o755);
    return `${bin}:${process.env.PATH}`;
  };
  const interruptInstall = (args: string[]) =>
    runCli(['my-app', '--backend', 'none', ...args], {
      cwd: sandbox,
      env: { PATH: installThatHangs() },
      onStdout: (child, stdout) => {
        if (stdout.includes('Installing dependencies') && !child.killed) child.kill('SIGINT');
      },
    });

  it('says that git init was skipped when git was asked for', async () => {
    const result = await interruptInstall([]);
    expect(result.code, output(result)).toBe(130);
    expect(result.stdout).toContain(
      'Cancelled; the project was kept in my-app (git init was skipped). To finish the install: cd my-app && npm install',
    );
    expect(existsSync(join(sandbox, 'my-app', '.git'))).toBe(false);
  });

  it('prints one line with the kept project and the retry command, and exits 130', async () => {
    const result = await runCli(['my-app', '--backend', 'none', '--no-git'], {
      cwd: sandbox,
      env: { PATH: installThatHangs() },
      onStdout: (child, stdout) => {
        if (stdout.includes('Installing dependencies') && !child.killed) child.kill('SIGINT');
      },
    });
    expect(result.code, output(result)).toBe(130);
    const after = result.stdout.slice(result.stdout.indexOf('Installing dependencies'));
    expect(after.trim().split('\n')).toEqual([
      'Installing dependencies with npm…',
      'Cancelled; the project was kept in my-app. To finish the install: cd my-app && npm install',
    ]);
    expect(result.stderr.replace(/^warning Node .*\n/, '')).toBe('');
    expect(existsSync(join(sandbox, 'my-app', 'package.json'))).toBe(true);
  });
});
