import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function runPreflight(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['e2e/preflight.mjs'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('test:e2e preflight (e2e/preflight.mjs)', () => {
  it('stops at once, with the same message as `dev`, when Electron cannot start', () => {
    const result = runPreflight({ ELECTRON_EXEC_PATH: '/nowhere/electron' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('ELECTRON_EXEC_PATH points to /nowhere/electron, which does not exist');
    expect(result.stderr).toContain('Fix: unset ELECTRON_EXEC_PATH');
  });

  it('does not ask for a Clerk key: the real-window tests check the setup screen without one', () => {
    const result = runPreflight({ ELECTRON_EXEC_PATH: process.execPath, VITE_CLERK_PUBLISHABLE_KEY: '' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
