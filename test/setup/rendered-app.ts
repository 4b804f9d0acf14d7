/** A generated app's scripts and config files on disk (no install): what `setup` and `doctor` read and run. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProjectOptions } from '../../src/options.js';
import { planProject } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';

const readLayer = readLayersFrom(join(import.meta.dirname, '..', '..', 'templates'));

export const SCHEME = 'com.example.setupapp';

export function renderApp(options: Pick<ProjectOptions, 'framework' | 'backend'>, keep: (path: string) => boolean): string {
  const files = planProject(
    { projectName: 'setup-app', tokenStorage: 'safe-storage', packageManager: 'npm', scheme: SCHEME, addons: [], ...options },
    readLayer,
  );
  const root = mkdtempSync(join(tmpdir(), 'setup-app-'));
  for (const [path, contents] of files) {
    if (!keep(path)) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  return root;
}

/** Runs a script of the app with Node; resolves with its exit code and output. */
export function runScript(root: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
