/**
 * Rewrites test/snapshots/<preset>/ from the current templates:  npm run test:snapshots:update
 * Review the result with `git diff test/snapshots` before committing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRESETS, renderPreset, SNAPSHOT_ROOT, storedPath } from './presets.js';

for (const preset of PRESETS) {
  const dir = join(SNAPSHOT_ROOT, preset.name);
  rmSync(dir, { recursive: true, force: true });
  const plan = renderPreset(preset);
  for (const [path, contents] of plan) {
    const file = join(dir, storedPath(path));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  console.log(`${preset.name}: ${plan.size} files`);
}
