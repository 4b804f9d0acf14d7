import { describe, expect, it } from 'vitest';
import { displayPath, nextSteps } from '../../src/cli/next-steps.js';
import type { ProjectOptions } from '../../src/options.js';

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
    expect(displayPath('/home/me', '/home/me/apps/my-app')).toBe('apps/my-app');
    expect(displayPath('/home/me/work', '/tmp/my-app')).toBe('/tmp/my-app');
    expect(displayPath('/home/me', '/home/me')).toBe('.');
  });
});

describe('nextSteps', () => {
  it("uses the chosen package manager's commands and quotes paths with spaces", () => {
    const lines = nextSteps(
      { options, cwd: '/home/me', target: '/home/me/My Apps/my-app', installed: false, nodeVersion: '22.12.0' },
      plain,
    );
    expect(lines).toContain("  cd 'My Apps/my-app'");
    expect(lines).toContain('  pnpm install');
    expect(lines).toContain('  pnpm dev');
    expect(lines.join('\n')).toContain('my-app://renderer');
  });

  const at = (overrides: Partial<ProjectOptions>, nodeVersion = 'v24.1.0') =>
    nextSteps(
      { options: { ...options, ...overrides }, cwd: '/home/me', target: '/home/me/my-app', installed: true, nodeVersion },
      plain,
    ).join('\n');

  it('repeats the Node.js problem with its fix when the CLI runs on a Node older than 22.12', () => {
    expect(at({}, 'v20.20.2')).toMatch(/Node\.js 20\.20\.2 is too old for the app: use 22\.12 or newer \(nvm install 22/);
    expect(at({}, 'v22.11.0')).toMatch(/22\.11\.0 is too old/);
    expect(at({}, 'v22.12.0')).not.toMatch(/too old/);
  });

  it("copies the backend's example config before `dev`, per backend, and none without one", () => {
    const cloudflare = at({ backend: 'cloudflare' }).split('\n');
    const copy = cloudflare.findIndex((line) => line.includes('cp backend/.dev.vars.example backend/.dev.vars'));
    expect(copy).toBeGreaterThan(-1);
    expect(copy).toBeLessThan(cloudflare.indexOf('  pnpm dev'));
    expect(at({ backend: 'node' })).toContain('cp backend/.env.example backend/.env');
    expect(at({ backend: 'none' })).not.toMatch(/backend\/|CLERK_JWT_KEY|CLERK_SECRET_KEY/);
  });

  it('says what the README and the example files say: CLERK_JWT_KEY first, the secret key only when needed', () => {
    const text = at({ backend: 'cloudflare' });
    expect(text).toMatch(/in backend\/\.dev\.vars, set CLERK_JWT_KEY to API keys → JWT public key \(PEM\)/);
    expect(text).toMatch(/CLERK_SECRET_KEY only if the backend calls Clerk's Backend API/);
    expect(text).not.toMatch(/put CLERK_SECRET_KEY/);
    expect(text).toContain("Clerk's Backend API (README.md has the curl command)");
    expect(text).toContain('cd backend && pnpm exec wrangler secret put CLERK_JWT_KEY');
    expect(at({ backend: 'node' })).toMatch(/in backend\/\.env, set CLERK_JWT_KEY/);
  });
});
