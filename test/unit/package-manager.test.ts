import { describe, expect, it } from 'vitest';
import { detectPackageManager } from '../../src/cli/package-manager.js';

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
