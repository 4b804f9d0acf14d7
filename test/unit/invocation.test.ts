import { describe, expect, it } from 'vitest';
import { invocationPrefix } from '../../src/cli/invocation.js';
import { shellFor } from '../../src/core/shell.js';

const base = { env: {}, cwd: '/home/ada/work', version: '1.2.3', shell: shellFor('posix', 'linux') };
const npxRoot = '/home/ada/.npm/_npx/0a1b2c';
const npxBin = `${npxRoot}/node_modules/.bin/create-electron-clerk-trpc`;
const npxManifest = (spec: string) => (path: string) =>
  path === `${npxRoot}/package.json` ? JSON.stringify({ dependencies: { 'create-electron-clerk-trpc': spec } }) : undefined;

describe('invocationPrefix: the command is printed the way the CLI was started', () => {
  it('a clone: node and the path of the bin, relative when below cwd', () => {
    expect(invocationPrefix({ ...base, scriptPath: '/home/ada/work/cect/bin/create-electron-clerk-trpc.js' })).toBe(
      'node cect/bin/create-electron-clerk-trpc.js',
    );
    expect(invocationPrefix({ ...base, scriptPath: '/opt/my clone/bin/create-electron-clerk-trpc.js' })).toBe(
      "node '/opt/my clone/bin/create-electron-clerk-trpc.js'",
    );
  });

  it('npx from the registry: npx with the version that ran', () => {
    const env = { npm_config_user_agent: 'npm/11.19.0 node/v22.12.0 linux x64', npm_command: 'exec' };
    expect(invocationPrefix({ ...base, env, scriptPath: npxBin, readText: npxManifest('^1.2.3') })).toBe(
      'npx create-electron-clerk-trpc@1.2.3',
    );
  });

  it('npx of a packed tarball: npx and the tarball, as npm recorded it', () => {
    const readText = npxManifest('file:../../../../../home/ada/work/create-electron-clerk-trpc-1.2.3.tgz');
    expect(invocationPrefix({ ...base, scriptPath: npxBin, readText })).toBe('npx ./create-electron-clerk-trpc-1.2.3.tgz');
  });

  it.each([
    ['pnpm/9.15.0 npm/? node/v22.12.0 linux x64', 'pnpm dlx create-electron-clerk-trpc@1.2.3'],
    ['bun/1.2.0 npm/? node/v22.6.0 linux x64', 'bunx create-electron-clerk-trpc@1.2.3'],
    ['yarn/4.5.0 npm/? node/v22.12.0 linux x64', 'yarn dlx create-electron-clerk-trpc@1.2.3'],
    ['yarn/1.22.22 npm/? node/v20.19.0 darwin arm64', 'npx create-electron-clerk-trpc@1.2.3'],
  ])('%s create: %s', (agent, prefix) => {
    const scriptPath = '/tmp/dlx-123/node_modules/create-electron-clerk-trpc/bin/create-electron-clerk-trpc.js';
    expect(invocationPrefix({ ...base, env: { npm_config_user_agent: agent }, scriptPath, readText: () => undefined })).toBe(
      prefix,
    );
  });
});
