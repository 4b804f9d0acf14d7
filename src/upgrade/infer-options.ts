/**
 * For apps made before the manifest existed: the options read back from the app's files. Each
 * guess is reported, and any of them can be given as a flag instead.
 */
import type { Backend, Framework, PackageManager, TokenStorage } from '../options.js';

export interface InferredOptions {
  projectName?: string;
  framework: Framework;
  backend: Backend;
  tokenStorage: TokenStorage;
  packageManager: PackageManager;
  scheme?: string;
  /** One line per option: what was found and from where */
  reasons: string[];
}

/** `paths`: the app's files (forward slashes); `read`: a file's text, or undefined when absent. */
export function inferOptions(paths: readonly string[], read: (path: string) => string | undefined): InferredOptions {
  const reasons: string[] = [];
  const manifest = JSON.parse(read('package.json') ?? '{}') as {
    name?: string;
    packageManager?: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const deps = { ...manifest.dependencies, ...manifest.devDependencies };
  const has = (path: string) => paths.includes(path);
  const endsWith = (name: string) => paths.some((path) => path.endsWith(`/${name}`));

  const framework: Framework = 'react' in deps ? 'react' : 'vue' in deps ? 'vue' : 'vanilla';
  reasons.push(`framework ${framework}: ${framework === 'vanilla' ? 'neither react nor vue' : framework} in package.json`);

  const backendFolder = paths.some((path) => path.startsWith('backend/'));
  const backend: Backend = !backendFolder ? 'none' : has('backend/wrangler.jsonc') ? 'cloudflare' : 'node';
  reasons.push(
    `backend ${backend}: ${backend === 'none' ? 'no backend/ folder' : backend === 'cloudflare' ? 'backend/wrangler.jsonc' : 'backend/ without wrangler.jsonc'}`,
  );

  const tokenStorage: TokenStorage = endsWith('keychain-token-storage.ts')
    ? 'keychain'
    : endsWith('memory-storage.ts')
      ? 'memory'
      : 'safe-storage';
  reasons.push(`token storage ${tokenStorage}: the storage module under src/`);

  const declared = /^(npm|pnpm|yarn|bun)@/.exec(manifest.packageManager ?? '')?.[1] as PackageManager | undefined;
  const packageManager: PackageManager =
    declared ??
    (has('pnpm-lock.yaml') || has('pnpm-workspace.yaml')
      ? 'pnpm'
      : has('yarn.lock')
        ? 'yarn'
        : has('bun.lock') || has('bun.lockb')
          ? 'bun'
          : 'npm');
  reasons.push(
    `package manager ${packageManager}: ${declared ? 'packageManager in package.json' : 'its lockfile (npm when none)'}`,
  );

  const builder = read('electron-builder.yml') ?? '';
  const scheme = /schemes:\s*\n\s*-\s*([a-z][a-z0-9+.-]*)/i.exec(builder)?.[1];
  if (scheme) reasons.push(`scheme ${scheme}: electron-builder.yml`);
  if (manifest.name) reasons.push(`name ${manifest.name}: package.json`);

  return { projectName: manifest.name, framework, backend, tokenStorage, packageManager, scheme, reasons };
}
