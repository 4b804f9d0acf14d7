/**
 * What `npm publish` would upload (`npm pack --dry-run`): the launcher, the bundle, the templates
 * and the one document the CLI points at, besides what npm always adds; no tests, fixtures, variant
 * sources or test-only code. dist/ is the fresh build of the global setup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, npmSync, REPO_ROOT } from '../cli/helpers/cli.js';

const packed = JSON.parse(npmSync(['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, env: baseEnv() })) as {
  files: { path: string }[];
}[];
const paths = packed[0]!.files.map((file) => file.path);

describe('the published package', () => {
  it('holds bin/, dist/, templates/ and docs/CLI.md, plus the README, LICENSE and package.json npm always adds', () => {
    const outside = paths.filter((path) => !/^(bin|dist|templates)\//.test(path)).sort();
    expect(outside).toEqual(['LICENSE', 'README.md', 'docs/CLI.md', 'package.json']);
    expect(paths).toContain('bin/create-electron-clerk-trpc.js');
    expect(paths).toContain('dist/index.js');
  });

  it('leaves out tests, fixtures and the variant modules (bundled into dist/)', () => {
    expect(paths.filter((path) => /^test\/|fixtures\//.test(path))).toEqual([]);
    expect(paths.filter((path) => path.endsWith('/variant.ts'))).toEqual([]);
  });

  it('ships no test-only code in the bundle', () => {
    const bundle = paths.filter((path) => path.startsWith('dist/') && path.endsWith('.js'));
    const hooks = bundle.filter((path) =>
      /CREATE_ELECTRON_CLERK_TRPC_TEST|WRITE_FAULTS|test hook/i.test(readFileSync(join(REPO_ROOT, path), 'utf8')),
    );
    expect(hooks).toEqual([]);
  });
});
