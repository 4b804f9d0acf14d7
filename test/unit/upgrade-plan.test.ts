import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHash } from '../../src/plan/app-manifest.js';
import { mergePackageJson } from '../../src/upgrade/merge-package-json.js';
import { mergeText } from '../../src/upgrade/merge-text.js';
import { planUpgrade, type UpgradeInput } from '../../src/upgrade/plan-upgrade.js';

const files = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([path, text]) => [path, Buffer.from(text)] as const));

function plan(
  base: Record<string, string>,
  current: Record<string, string>,
  next: Record<string, string>,
  extra: Partial<UpgradeInput> = {},
) {
  const result = planUpgrade({ base: files(base), current: files(current), next: files(next), ...extra });
  return {
    writes: Object.fromEntries([...result.writes].map(([path, contents]) => [path, contents.toString('utf8')])),
    removes: result.removes,
    changes: result.changes,
  };
}

describe('mergeText', () => {
  it('takes each side where only that side changed', () => {
    const merged = mergeText('a\nb\nc\nd\n', 'a\nB (owner)\nc\nd\n', 'a\nb\nc\nD (ours)\n');
    expect(merged).toEqual({ text: 'a\nB (owner)\nc\nD (ours)\n', conflicts: 0 });
  });

  it('marks a region both changed differently with ours, base and theirs', () => {
    const merged = mergeText('a\nb\nc\n', 'a\nowner\nc\n', 'a\ntemplates\nc\n');
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toBe('a\n<<<<<<< ours\nowner\n||||||| base\nb\n=======\ntemplates\n>>>>>>> theirs\nc\n');
  });

  it('takes a change both made the same way once', () => {
    expect(mergeText('a\nb\n', 'a\nsame\n', 'a\nsame\n')).toEqual({ text: 'a\nsame\n', conflicts: 0 });
  });
});

describe('mergePackageJson', () => {
  const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  const base = json({ name: 'app', scripts: { dev: 'vite', test: 'vitest' }, dependencies: { a: '1.0.0', b: '1.0.0' } });

  it('bumps our versions and keeps the owner’s dependencies and scripts', () => {
    const ours = json({
      name: 'app',
      scripts: { dev: 'vite', test: 'vitest', seed: 'tsx seed.ts' },
      dependencies: { a: '1.0.0', b: '1.0.0', zed: '^2.0.0' },
    });
    const theirs = json({
      name: 'app',
      scripts: { dev: 'vite --open', test: 'vitest' },
      dependencies: { a: '1.1.0', c: '3.0.0' },
    });
    const merged = mergePackageJson(base, ours, theirs);
    expect(JSON.parse(merged.text)).toEqual({
      name: 'app',
      scripts: { dev: 'vite --open', test: 'vitest', seed: 'tsx seed.ts' },
      dependencies: { a: '1.1.0', c: '3.0.0', zed: '^2.0.0' },
    });
    expect(Object.keys(JSON.parse(merged.text).dependencies)).toEqual(['a', 'c', 'zed']);
    expect(merged.kept).toEqual([]);
  });

  it('keeps the owner’s script when both changed it, and lists it', () => {
    const ours = json({
      name: 'app',
      scripts: { dev: 'vite', test: 'vitest --coverage' },
      dependencies: { a: '1.0.0', b: '1.0.0' },
    });
    const theirs = json({ name: 'app', scripts: { dev: 'vite', test: 'vitest run' }, dependencies: { a: '1.0.0', b: '1.0.0' } });
    const merged = mergePackageJson(base, ours, theirs);
    expect(JSON.parse(merged.text).scripts.test).toBe('vitest --coverage');
    expect(merged.kept).toEqual(['scripts.test']);
  });

  it('keeps a dependency the owner pinned differently while we bumped it, and lists it', () => {
    const ours = json({ name: 'app', scripts: { dev: 'vite', test: 'vitest' }, dependencies: { a: '0.9.0', b: '1.0.0' } });
    const theirs = json({ name: 'app', scripts: { dev: 'vite', test: 'vitest' }, dependencies: { a: '2.0.0', b: '1.0.0' } });
    const merged = mergePackageJson(base, ours, theirs);
    expect(JSON.parse(merged.text).dependencies.a).toBe('0.9.0');
    expect(merged.kept).toEqual(['dependencies.a']);
  });
});

describe('planUpgrade', () => {
  it('replaces a file the owner never changed', () => {
    const result = plan({ 'a.ts': 'old\n' }, { 'a.ts': 'old\n' }, { 'a.ts': 'new\n' });
    expect(result.writes).toEqual({ 'a.ts': 'new\n' });
    expect(result.changes).toEqual([{ path: 'a.ts', action: 'replaced' }]);
  });

  it('tells the owner’s change by the manifest’s hash when the base differs from what was written', () => {
    const written = Buffer.from('as written\n');
    const result = plan(
      { 'a.ts': 'rebuilt differently\n' },
      { 'a.ts': 'as written\n' },
      { 'a.ts': 'new\n' },
      {
        writtenHashes: { 'a.ts': fileHash(written) },
      },
    );
    expect(result.changes).toEqual([{ path: 'a.ts', action: 'replaced' }]);
  });

  it('three-way merges a file both changed, conflicts marked and listed', () => {
    const clean = plan({ 'a.ts': '1\n2\n3\n4\n' }, { 'a.ts': '1\nmine\n3\n4\n' }, { 'a.ts': '1\n2\n3\nours\n' });
    expect(clean.writes).toEqual({ 'a.ts': '1\nmine\n3\nours\n' });
    expect(clean.changes).toEqual([{ path: 'a.ts', action: 'merged' }]);

    const conflicting = plan({ 'a.ts': '1\n2\n' }, { 'a.ts': '1\nmine\n' }, { 'a.ts': '1\nours\n' });
    expect(conflicting.writes['a.ts']).toContain('<<<<<<< ours\nmine\n||||||| base\n2\n=======\nours\n>>>>>>> theirs');
    expect(conflicting.changes).toEqual([{ path: 'a.ts', action: 'conflict', note: '1 conflict marked in the file' }]);
  });

  it('leaves a file only the owner changed', () => {
    const result = plan({ 'a.ts': 'x\n' }, { 'a.ts': 'mine\n' }, { 'a.ts': 'x\n' });
    expect(result).toEqual({ writes: {}, removes: [], changes: [] });
  });

  it('adds a new file, but never over one of the owner’s', () => {
    expect(plan({}, {}, { 'new.ts': 'n\n' }).writes).toEqual({ 'new.ts': 'n\n' });
    const blocked = plan({}, { 'new.ts': 'theirs\n' }, { 'new.ts': 'n\n' });
    expect(blocked.writes).toEqual({});
    expect(blocked.changes).toEqual([expect.objectContaining({ path: 'new.ts', action: 'kept' })]);
  });

  it('removes a file gone from the templates only when the owner never changed it', () => {
    const unchanged = plan({ 'old.ts': 'o\n' }, { 'old.ts': 'o\n' }, {});
    expect(unchanged.removes).toEqual(['old.ts']);
    const changed = plan({ 'old.ts': 'o\n' }, { 'old.ts': 'mine\n' }, {});
    expect(changed.removes).toEqual([]);
    expect(changed.changes).toEqual([expect.objectContaining({ path: 'old.ts', action: 'kept' })]);
  });

  it('says which imports of a kept file point at files gone from the templates', () => {
    const base = {
      'src/screens/Home.tsx': "import { Card } from '../components/Card';\n",
      'src/components/Card.tsx': 'card\n',
      'src/kit/old.ts': 'old\n',
      'src/kit/still.ts': 'still\n',
    };
    const mine = {
      ...base,
      'src/screens/Home.tsx':
        "import { Card } from '../components/Card';\nimport { old } from '../kit/old.js';\nimport { still } from '../kit/still';\nimport { z } from 'zod';\n",
    };
    const today = { 'src/components/Card.tsx': 'card\n', 'src/kit/still.ts': 'still\n', 'src/screens/Start.tsx': 'start\n' };
    const result = plan(base, mine, today);
    expect(result.removes).toEqual(['src/kit/old.ts']);
    expect(result.changes.find((change) => change.path === 'src/screens/Home.tsx')).toEqual({
      path: 'src/screens/Home.tsx',
      action: 'kept',
      note: 'no longer part of the templates; you changed it, so it stays; it imports ../kit/old.js, gone from the templates: update or delete it',
    });
    // An import of a file that stays (or of a package) is no news.
    const fine = plan(
      base,
      { ...base, 'src/screens/Home.tsx': "import { still } from '../kit/still';\n" },
      { ...today, 'src/kit/old.ts': 'old\n' },
    );
    expect(fine.changes.find((change) => change.path === 'src/screens/Home.tsx')?.note).toBe(
      'no longer part of the templates; you changed it, so it stays',
    );
  });

  it('does not bring back a file the owner deleted, and lists it when we changed it', () => {
    expect(plan({ 'a.ts': 'x\n' }, {}, { 'a.ts': 'x\n' }).changes).toEqual([]);
    const changed = plan({ 'a.ts': 'x\n' }, {}, { 'a.ts': 'y\n' });
    expect(changed.writes).toEqual({});
    expect(changed.changes).toEqual([expect.objectContaining({ path: 'a.ts', action: 'kept' })]);
  });

  it('never replaces .env or .dev.vars: only appends keys they lack', () => {
    const result = plan(
      { '.env': 'A=\n', 'backend/.dev.vars': 'S=\n' },
      { '.env': 'A=owner-value\n', 'backend/.dev.vars': 'S=secret\n' },
      { '.env': 'A=\n# new setting\nB=\n', 'backend/.dev.vars': 'S=\n' },
    );
    expect(result.writes['.env']).toMatch(/^A=owner-value\n[\s\S]*# new setting\nB=\n$/);
    expect(result.writes['backend/.dev.vars']).toBeUndefined();
    expect(result.changes).toEqual([{ path: '.env', action: 'settings', note: 'your settings kept; added B' }]);
  });

  it('merges package.json key by key', () => {
    const base = '{\n  "scripts": { "test": "vitest" },\n  "dependencies": { "a": "1.0.0" }\n}\n';
    const mine =
      '{\n  "scripts": { "test": "vitest", "seed": "node seed.js" },\n  "dependencies": { "a": "1.0.0", "z": "1.0.0" }\n}\n';
    const next = '{\n  "scripts": { "test": "vitest run" },\n  "dependencies": { "a": "2.0.0" }\n}\n';
    const result = plan({ 'package.json': base }, { 'package.json': mine }, { 'package.json': next });
    expect(JSON.parse(result.writes['package.json']!)).toEqual({
      scripts: { test: 'vitest run', seed: 'node seed.js' },
      dependencies: { a: '2.0.0', z: '1.0.0' },
    });
  });

  it('follows a file the templates moved: the owner’s changes are merged into it at its new path', () => {
    const lines = (...extra: string[]) => ['a', 'b', 'c', 'd', 'e', 'f', ...extra].join('\n') + '\n';
    const result = plan(
      { 'src/ipc/handler.ts': lines() },
      { 'src/ipc/handler.ts': lines('// the owner’s line') },
      { 'src/kit/ipc/handler.ts': lines().replace('c\n', 'C\n') },
    );
    expect(result.writes).toEqual({ 'src/kit/ipc/handler.ts': lines('// the owner’s line').replace('c\n', 'C\n') });
    expect(result.removes).toEqual(['src/ipc/handler.ts']);
    expect(result.changes).toEqual([
      { path: 'src/kit/ipc/handler.ts', action: 'merged', note: 'moved from src/ipc/handler.ts with your changes' },
    ]);
  });

  it('does not take a new file of the same name but other contents for a moved one', () => {
    const result = plan(
      { 'src/a/index.ts': 'one\ntwo\nthree\n' },
      { 'src/a/index.ts': 'one\ntwo\nthree\nmine\n' },
      { 'src/b/index.ts': 'something\nelse\nentirely\n' },
    );
    expect(result.writes).toEqual({ 'src/b/index.ts': 'something\nelse\nentirely\n' });
    expect(result.removes).toEqual([]);
    expect(result.changes.map((change) => [change.path, change.action])).toEqual([
      ['src/a/index.ts', 'kept'],
      ['src/b/index.ts', 'added'],
    ]);
  });

  it('keeps a binary file both changed instead of merging it', () => {
    const result = planUpgrade({
      base: new Map([['icon.png', Buffer.from([0, 1])]]),
      current: new Map([['icon.png', Buffer.from([0, 2])]]),
      next: new Map([['icon.png', Buffer.from([0, 3])]]),
    });
    expect(result.writes.size).toBe(0);
    expect(result.changes).toEqual([expect.objectContaining({ path: 'icon.png', action: 'kept' })]);
  });
});

describe('the upgrade planning modules', () => {
  const sideEffectImports = (file: string) =>
    [...readFileSync(join(import.meta.dirname, '..', '..', 'src', 'upgrade', file), 'utf8').matchAll(/from '([^']+)'/g)]
      .map(([, specifier]) => specifier!)
      .filter((specifier) => /^node:(fs|child_process)$|\/(io|cli)\/|^execa$/.test(specifier));

  it.each(['plan-upgrade.ts', 'merge-text.ts', 'merge-package-json.ts', 'infer-options.ts', 'stale-imports.ts'])(
    '%s touches no disk and no process: it imports neither node:fs, child processes, io/ nor cli/',
    (file) => {
      expect(sideEffectImports(file)).toEqual([]);
    },
  );

  it('the command module, which does the side effects, is caught by the same scan', () => {
    expect(sideEffectImports('command.ts')).toEqual(expect.arrayContaining(['node:fs', '../io/write-plan.js']));
  });
});
