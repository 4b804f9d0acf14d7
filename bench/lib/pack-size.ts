import { run } from './processes.js';

export interface PackSize {
  name: string;
  version: string;
  /** gzipped tarball bytes */
  tarball: number;
  unpacked: number;
  files: number;
  runtimeDependencies: number;
}

/** One entry of `npm pack --json` (the fields the bench reads). */
export interface PackJson {
  name: string;
  version: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  filename: string;
}

/**
 * `npm pack --dry-run --json` of a local folder (spec '.') or a registry spec (`name@version`).
 * Scripts are skipped so that a prepack hook cannot print into the JSON.
 */
export function packSize(spec: string, cwd: string, runtimeDependencies: Record<string, string>): PackSize {
  const output = run({ command: 'npm', args: ['pack', spec, '--dry-run', '--json', '--ignore-scripts'], cwd });
  const [pack] = JSON.parse(output) as PackJson[];
  if (!pack) throw new Error(`npm pack ${spec} printed no package`);
  return {
    name: pack.name,
    version: pack.version,
    tarball: pack.size,
    unpacked: pack.unpackedSize,
    files: pack.entryCount,
    runtimeDependencies: Object.keys(runtimeDependencies).length,
  };
}
