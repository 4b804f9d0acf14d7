/** Entry point of the bundled CLI (dist/index.js), wired to the real process. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isatty } from 'node:tty';
import { run } from './cli/run.js';
import { UsageError } from './core/errors.js';
import { tolerateClosedPipe } from './io/closed-pipe.js';
import { readLayersFrom } from './plan/template-files.js';
import type { ReadLayer } from './plan/planner.js';

function readVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** dist/index.js (or src/index.ts) → the package's templates/ folder (shipped in "files"). */
function readTemplates(): ReadLayer {
  const root = fileURLToPath(new URL('../templates', import.meta.url));
  // Missing template folders read as empty, so a lost templates/ would plan a near-empty app.
  if (!existsSync(root)) {
    throw new UsageError(
      `this installation of create-electron-clerk-trpc has no templates folder (${root}). Reinstall it (in a checkout: git restore templates)`,
    );
  }
  return readLayersFrom(root);
}

let promptsLoaded = false;

async function main() {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    // A second Ctrl+C means "now": give up on a clean rollback.
    if (interrupts > 1) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const code = await run({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    // `… | head -1` closes stdout early: the run still finishes (or rolls back), just unprinted.
    stdout: tolerateClosedPipe(process.stdout),
    stderr: tolerateClosedPipe(process.stderr),
    // isatty(0) rather than process.stdin.isTTY, which opens a stdin stream this run may never read.
    stdinIsTTY: isatty(0),
    readTemplates,
    version: readVersion(),
    nodeVersion: process.versions.node,
    loadPrompts: async ({ color }) => {
      promptsLoaded = true;
      // prompts colours with kleur, which reads neither NO_COLOR nor a non-terminal FORCE_COLOR. Set
      // before prompts loads: it colours its symbols once, when its modules are evaluated.
      (await import('kleur')).default.enabled = color;
      return (await import('prompts')).default;
    },
    scriptPath: process.argv[1],
    // dist/index.js → the package's docs/CLI.md (shipped in "files").
    docsPath: fileURLToPath(new URL('../docs/CLI.md', import.meta.url)),
    signal: controller.signal,
  });
  process.exitCode = code;
  // Nothing else may keep the process alive (stdin listeners from prompts).
  if (promptsLoaded) process.stdin.unref?.();
}

void main();
