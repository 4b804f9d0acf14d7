/**
 * Rewrites the snapshots from the current templates:  npm run test:snapshots:update
 * (test/snapshots/manifests/<preset>.txt for all 28, test/snapshots/trees/<preset>/ for four.)
 * Review the result with `git diff test/snapshots` before committing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  FULL_TREE_PRESETS,
  manifestOf,
  MANIFESTS_DIR,
  PRESETS,
  renderPreset,
  SNAPSHOT_ROOT,
  storedPath,
  storedTreeOf,
  TREES_DIR,
} from './presets.js';

// Folders of the earlier layout (one full tree per preset at the top level) go too.
for (const preset of PRESETS) rmSync(join(SNAPSHOT_ROOT, preset.name), { recursive: true, force: true });
rmSync(TREES_DIR, { recursive: true, force: true });
rmSync(MANIFESTS_DIR, { recursive: true, force: true });
mkdirSync(MANIFESTS_DIR, { recursive: true });

const basePreset = PRESETS.find((preset) => preset.name === FULL_TREE_PRESETS[0])!;
const basePlan = renderPreset(basePreset);

for (const preset of PRESETS) {
  const plan = renderPreset(preset);
  writeFileSync(join(MANIFESTS_DIR, `${preset.name}.txt`), manifestOf(plan));
  if (FULL_TREE_PRESETS.includes(preset.name)) {
    for (const [path, contents] of storedTreeOf(plan, preset === basePreset ? null : basePlan)) {
      const file = join(TREES_DIR, preset.name, storedPath(path));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, contents);
    }
  }
  console.log(`${preset.name}: ${plan.size} files${FULL_TREE_PRESETS.includes(preset.name) ? ' (readable tree)' : ''}`);
}
