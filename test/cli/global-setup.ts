/** The CLI tests spawn the built bundle: build it first so they never run a stale dist/. */
import { join } from 'node:path';
import { npmSync } from './helpers/cli.js';

export default function setup() {
  npmSync(['run', 'build', '--silent'], { cwd: join(import.meta.dirname, '..', '..'), stdio: 'inherit' });
}
