import { describe, expect, it } from 'vitest';
import { composeScripts } from '../../src/layers/scripts.js';

describe('scripts composed as data', () => {
  it('joins steps with &&, keeps the first position of a script, appends and prepends', () => {
    const scripts = composeScripts([
      { templateDir: 'a', scripts: { build: ['one', 'two'], test: ['vitest'] } },
      { templateDir: 'b', scripts: { lint: ['eslint'], build: { prepend: ['zero'] } } },
      { templateDir: 'c', scripts: { build: { append: ['three'] } } },
    ]);
    expect(Object.entries(scripts)).toEqual([
      ['build', 'zero && one && two && three'],
      ['test', 'vitest'],
      ['lint', 'eslint'],
    ]);
  });

  it('replaces a step by id, and a later layer may replace the whole script', () => {
    const base = { templateDir: 'base', scripts: { check: ['a', { id: 'web', run: 'tsc -p web' }, 'b'] } };
    expect(
      composeScripts([base, { templateDir: 'vue', scripts: { check: { replaceSteps: { web: 'vue-tsc -p web' } } } }]).check,
    ).toBe('a && vue-tsc -p web && b');
    expect(composeScripts([base, { templateDir: 'x', scripts: { check: ['only'] } }]).check).toBe('only');
  });

  it('copyOf reads the script as the earlier layers left it, not as the same layer sets it', () => {
    const scripts = composeScripts([
      { templateDir: 'base', scripts: { dev: ['electron-vite dev'] } },
      { templateDir: 'backend', scripts: { dev: ['node scripts/dev.mjs'], 'dev:app': { copyOf: 'dev' } } },
    ]);
    expect(scripts).toEqual({ dev: 'node scripts/dev.mjs', 'dev:app': 'electron-vite dev' });
  });

  it('an edit of a script or step nobody defined names the layer', () => {
    expect(() => composeScripts([{ templateDir: 'backend', scripts: { test: { append: ['x'] } } }])).toThrow(
      'The backend layer appends to the "test" script, which no earlier layer defines.',
    );
    expect(() =>
      composeScripts([
        { templateDir: 'base', scripts: { t: ['a'] } },
        { templateDir: 'vue', scripts: { t: { replaceSteps: { web: 'x' } } } },
      ]),
    ).toThrow('The vue layer replaces step "web" of the "t" script, which has no such step.');
    expect(() => composeScripts([{ templateDir: 'backend', scripts: { 'dev:app': { copyOf: 'dev' } } }])).toThrow(
      /copies the "dev" script/,
    );
  });
});
