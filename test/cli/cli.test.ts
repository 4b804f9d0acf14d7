import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flagRows } from '../../src/cli/options-table.js';
import { nodeIsOlderThan } from '../../src/cli/run.js';
import { ANSI, baseEnv, BIN, output, REPO_ROOT, runCli } from './helpers/cli.js';

let sandbox: string;
beforeEach(() => {
  sandbox = join(mkdtempSync(join(tmpdir(), 'cect-cli-')), 'work');
  execFileSync('mkdir', [sandbox]);
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
  });

  it.each(['--version', '-V'])('%s prints the package version', async (flag) => {
    const result = await cli(flag);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });
});

describe('bad input: message on stderr, exit 1, nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown flag, with a suggestion', ['app', '--framwork', 'vue'], /unknown option '--framwork'[\s\S]*Did you mean --framework\?/],
    ['an invalid choice, listing allowed values', ['app', '--token-storage', 'disk'], /Allowed choices are safe-storage, keychain, memory/],
    ['a secret key given as publishable key', ['app', '--clerk-publishable-key', 'sk_live_abc'], /secret key/],
    ['a publishable key without its $', ['app', '--clerk-publishable-key', `pk_test_${Buffer.from('clerk.example.com').toString('base64')}`], /does not end with "\$"/],
    ['a reserved scheme', ['app', '--scheme', 'javascript'], /"javascript" is reserved/],
    ['an upper-case scheme', ['app', '--scheme', 'MyApp'], /use lower case: "myapp"/],
    ['a scheme starting with a digit', ['app', '--scheme', '9app'], /start with a letter/],
    ['--interactive with --yes', ['app', '--interactive', '--yes'], /contradict/],
    ['--interactive without a terminal', ['app', '--interactive'], /needs a terminal/],
    ['two directories', ['a', 'b'], /too many arguments/],
    ['a directory name that is not a package name', ['My App'], /"My App" \(the directory name\) is not a valid npm package name: the name contains capital letters[\s\S]*"my-app"/],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    const result = await cli(...args, '--no-install', '--no-git');
    expect(result.stderr, output(result)).toMatch(message);
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
    expect(result.stderr).toMatch(/is not empty:\n  notes\.txt\n[\s\S]*--force/);
  });
});

describe('non-interactive runs', () => {
  it('never prompts without a terminal, uses defaults and prints the equivalent command', async () => {
    const result = await cli('my-app', '--no-install', '--no-git');
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain(
      'npx create-electron-clerk-trpc my-app --framework react --backend cloudflare --token-storage safe-storage --package-manager npm --scheme my-app --no-install --no-git --no-interactive',
    );
    expect(result.stdout).not.toMatch(ANSI);
    expect(existsSync(join(sandbox, 'my-app', 'package.json'))).toBe(true);
    expect(readdirSync(join(sandbox, 'my-app')).filter((name) => name.startsWith('.create-electron'))).toEqual([]);
  });

  it('takes the package manager from npm_config_user_agent', async () => {
    const result = await runCli(['my-app', '--no-install', '--no-git', '--dry-run'], {
      cwd: sandbox,
      env: { npm_config_user_agent: 'pnpm/9.15.0 npm/? node/v22.12.0 linux x64' },
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
    expect(readdirSync(sandbox)).toEqual([]);
  });

  it('prints next steps with the chosen package manager, a quoted path and the Clerk setup', async () => {
    const result = await cli('dir with space/app', '--no-install', '--no-git', '--package-manager', 'bun', '--scheme', 'deskapp');
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain("cd 'dir with space/app'");
    expect(result.stdout).toContain('bun install');
    expect(result.stdout).toContain('bun run dev');
    expect(result.stdout).toContain('VITE_CLERK_PUBLISHABLE_KEY');
    expect(result.stdout).toContain('Native API');
    expect(result.stdout).toContain('deskapp://renderer');
  });

  it('does not ask for the key in .env when one was given', async () => {
    const key = `pk_test_${Buffer.from('clerk.example.com$').toString('base64')}`;
    const result = await cli('app', '--no-install', '--no-git', '--clerk-publishable-key', key);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).not.toContain('VITE_CLERK_PUBLISHABLE_KEY=pk_test_…');
  });

  it('warns (and still works) on a Node older than 22.12', async () => {
    const result = await cli('app', '--dry-run');
    expect(result.code, output(result)).toBe(0);
    if (nodeIsOlderThan(process.versions.node, [22, 12])) expect(result.stderr).toMatch(/needs Node >= 22\.12/);
    else expect(result.stderr).not.toMatch(/needs Node/);
    expect(nodeIsOlderThan('20.19.0', [22, 12])).toBe(true);
    expect(nodeIsOlderThan('22.11.9', [22, 12])).toBe(true);
    expect(nodeIsOlderThan('22.12.0', [22, 12])).toBe(false);
    expect(nodeIsOlderThan('v24.1.0', [22, 12])).toBe(false);
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

describe.skipIf(!hasScript)('questions on a terminal (the bundled prompts)', () => {
  it('asks every question, takes Enter as the default, and writes the app', async () => {
    const child = spawn('script', ['-qec', `${process.execPath} ${BIN} app --no-install --no-git`, '/dev/null'], {
      cwd: sandbox,
      env: baseEnv({ TERM: 'xterm-256color' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    // Text without colour and cursor codes.
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')));
    // One Enter per question, each once the question is on screen.
    const questions = ['Renderer UI framework', 'Backend that verifies', 'Where should main keep', 'Package manager', 'Clerk publishable key', 'Custom URL scheme'];
    for (const question of questions) {
      await expect.poll(() => screen, { timeout: 10_000 }).toContain(question);
      child.stdin.write('\r');
    }
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, screen).toBe(0);
    expect(screen).toContain('Wrote 108 files.');
    expect(JSON.parse(readFileSync(join(sandbox, 'app', 'package.json'), 'utf8'))).toMatchObject({ name: 'app' });
  }, 30_000);
});
