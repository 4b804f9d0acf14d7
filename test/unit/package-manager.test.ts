import { describe, expect, it } from 'vitest';
import { detectPackageManager, findInstalledPackageManagers, missingPackageManagerMessage } from '../../src/package-managers.js';

describe('detectPackageManager', () => {
  it.each([
    ['npm/11.19.0 node/v22.12.0 linux x64 workspaces/false', 'npm'],
    ['pnpm/9.15.0 npm/? node/v22.12.0 linux x64', 'pnpm'],
    ['yarn/4.5.0 npm/? node/v22.12.0 linux x64', 'yarn'],
    ['yarn/1.22.22 npm/? node/v20.19.0 darwin arm64', 'yarn'],
    ['bun/1.2.0 npm/? node/v22.6.0 linux x64', 'bun'],
  ])('%s → %s', (agent, expected) => {
    expect(detectPackageManager(agent)).toBe(expected);
  });

  it.each([undefined, '', 'cnpm/9.0.0 node/v20', 'deno/2.0.0'])('%j → undefined (the caller falls back to npm)', (agent) => {
    expect(detectPackageManager(agent)).toBeUndefined();
  });
});

describe('findInstalledPackageManagers (no process started: executables on PATH)', () => {
  it('finds the ones on PATH, in table order', () => {
    const present = new Set(['/usr/bin/npm', '/home/ada/.bun/bin/bun']);
    const found = findInstalledPackageManagers({
      env: { PATH: '/usr/bin:/home/ada/.bun/bin/' },
      platform: 'linux',
      isExecutable: (p) => present.has(p),
    });
    expect(found).toEqual(['npm', 'bun']);
  });

  it('uses PATHEXT on Windows', () => {
    const present = new Set(['C:\\node\\npm.cmd', 'C:\\pnpm\\pnpm.exe']);
    const found = findInstalledPackageManagers({
      env: { Path: 'C:\\node;C:\\pnpm', PATHEXT: '.EXE;.CMD' },
      platform: 'win32',
      isExecutable: (p) => present.has(p),
    });
    expect(found).toEqual(['npm', 'pnpm']);
  });

  it('finds nothing without a PATH', () => {
    expect(findInstalledPackageManagers({ env: {}, platform: 'linux', isExecutable: () => true })).toEqual([]);
  });
});

describe('missingPackageManagerMessage', () => {
  it('says what is missing, how to install it, and offers commands with an installed one or --no-install', () => {
    const message = missingPackageManagerMessage('bun', ['npm', 'pnpm'], (change) =>
      'packageManager' in change ? `cli --package-manager ${change.packageManager}` : 'cli --no-install',
    );
    expect(message).toMatch(/^bun was not found on PATH/);
    expect(message).toContain('https://bun.sh');
    expect(message).toContain('cli --package-manager npm');
    expect(message).toContain('cli --no-install');
  });
});
