import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './processes.js';

/** The scaffolders we compare against, installed from the registry once into a cached folder. */
export const PEER_PACKAGES = ['create-vite', '@quick-start/create-electron'] as const;
export type PeerPackage = (typeof PEER_PACKAGES)[number];

export interface InstalledPeer {
  name: PeerPackage;
  version: string;
  /** Absolute path of the package's CLI entry (its `bin`). */
  bin: string;
  packageDir: string;
  /** Runtime dependencies as declared in its published package.json. */
  dependencies: Record<string, string>;
}

interface PackageJson {
  version: string;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
}

function readPeer(peersDir: string, name: PeerPackage): InstalledPeer {
  const packageDir = join(peersDir, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageJson;
  const binName = name === 'create-vite' ? 'create-vite' : 'create-electron';
  const binPath = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[binName];
  if (!binPath) throw new Error(`${name}@${pkg.version} has no "${binName}" bin`);
  return { name, version: pkg.version, bin: join(packageDir, binPath), packageDir, dependencies: pkg.dependencies ?? {} };
}

/** Installs the peers (latest from the registry) unless the cache already has them; `refresh` reinstalls. */
export function ensurePeers(peersDir: string, refresh: boolean): Record<PeerPackage, InstalledPeer> {
  const installed = PEER_PACKAGES.every((name) => existsSync(join(peersDir, 'node_modules', name, 'package.json')));
  if (refresh || !installed) {
    rmSync(peersDir, { recursive: true, force: true });
    mkdirSync(peersDir, { recursive: true });
    writeFileSync(join(peersDir, 'package.json'), JSON.stringify({ name: 'bench-peers', private: true }));
    console.error(`installing ${PEER_PACKAGES.join(', ')} into ${peersDir}`);
    run({
      command: 'npm',
      args: ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...PEER_PACKAGES.map((n) => `${n}@latest`)],
      cwd: peersDir,
    });
  }
  return {
    'create-vite': readPeer(peersDir, 'create-vite'),
    '@quick-start/create-electron': readPeer(peersDir, '@quick-start/create-electron'),
  };
}
