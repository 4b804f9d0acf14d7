import { describe, expect, it } from 'vitest';
import { displayPath, nextSteps } from '../../src/cli/next-steps.js';
import type { ProjectOptions } from '../../src/options.js';
import { shellFor } from '../../src/core/shell.js';

const shell = shellFor('posix', 'linux');

const plain = { bold: (s: string) => s, dim: (s: string) => s } as unknown as Parameters<typeof nextSteps>[1];
const options: ProjectOptions = {
  projectName: 'my-app',
  framework: 'react',
  backend: 'node',
  tokenStorage: 'memory',
  addons: [],
  packageManager: 'pnpm',
  scheme: 'my-app',
};

describe('displayPath', () => {
  it('is relative below cwd, absolute above it, and . for cwd itself', () => {
    expect(displayPath('/home/me', '/home/me/apps/my-app', shell.path)).toBe('apps/my-app');
    expect(displayPath('/home/me/work', '/tmp/my-app', shell.path)).toBe('/tmp/my-app');
    expect(displayPath('/home/me', '/home/me', shell.path)).toBe('.');
  });
});

describe('nextSteps', () => {
  it("uses the chosen package manager's commands and quotes paths with spaces", () => {
    const lines = nextSteps(
      { options, cwd: '/home/me', target: '/home/me/My Apps/my-app', installed: false, nodeVersion: '22.12.0', shell },
      plain,
    );
    expect(lines).toContain("  cd 'My Apps/my-app'");
    expect(lines).toContain('  pnpm install');
    expect(lines.some((line) => line.startsWith('  pnpm dev '))).toBe(true);
  });

  const at = (overrides: Partial<ProjectOptions>, nodeVersion = 'v24.1.0') =>
    nextSteps(
      { options: { ...options, ...overrides }, cwd: '/home/me', target: '/home/me/my-app', installed: true, nodeVersion, shell },
      plain,
    ).join('\n');

  it('repeats the Node.js problem with its fix when the CLI runs on a Node older than 22.12', () => {
    expect(at({}, 'v20.20.2')).toMatch(/Node\.js 20\.20\.2 is too old for the app: use 22\.12 or newer \(nvm install 22/);
    expect(at({}, 'v22.11.0')).toMatch(/22\.11\.0 is too old/);
    expect(at({}, 'v22.12.0')).not.toMatch(/too old/);
  });

  it('leaves two commands: setup (Clerk, the secret key asked once) then dev, for every backend', () => {
    for (const backend of ['cloudflare', 'node', 'none'] as const) {
      const lines = at({ backend }).split('\n');
      const setup = lines.findIndex((line) => line.startsWith('  pnpm setup '));
      expect(setup, backend).toBeGreaterThan(-1);
      expect(lines[setup]).toContain('stored nowhere');
      expect(lines[setup + 1]).toMatch(/^ {2}pnpm dev +# pnpm doctor explains/);
      expect(lines.join('\n')).not.toMatch(/cp backend|CLERK_JWT_KEY|curl|dashboard/);
    }
  });
});
