/**
 * Pure: what an upgrade (or an add) does to each file, from three versions of the app:
 * - base: what the CLI wrote then (the old templates, the recorded options),
 * - current: what is on disk now (the owner's),
 * - next: what the CLI writes today.
 */
import { mergeDotenv } from '../core/dotenv-merge.js';
import { APP_MANIFEST_PATH, fileHash, holdsOwnerSettings } from '../plan/app-manifest.js';
import type { FilePlan } from '../plan/planner.js';
import { diffComm } from 'node-diff3';
import { mergePackageJson } from './merge-package-json.js';
import { isBinary, mergeText } from './merge-text.js';
import { importsOfGoneFiles, isCodeFile } from './stale-imports.js';

export type FileAction =
  /** not changed by the owner: today's file replaces it */
  | 'replaced'
  /** changed by the owner and by us: merged without conflicts */
  | 'merged'
  /** merged, with conflict markers in the file */
  | 'conflict'
  /** new in today's templates */
  | 'added'
  /** gone from today's templates and never changed by the owner */
  | 'removed'
  /** kept as the owner has it although we would change, add or remove it (see `note`) */
  | 'kept'
  /** `.env`-style file: the owner's settings kept, new keys appended */
  | 'settings';

export interface FileChange {
  path: string;
  action: FileAction;
  note?: string;
}

export interface UpgradePlan {
  /** Files to write (new contents), sorted by path */
  writes: FilePlan;
  /** Files to remove */
  removes: string[];
  /** Every file the upgrade touches or deliberately leaves, sorted by path */
  changes: FileChange[];
}

export interface UpgradeInput {
  base: FilePlan;
  next: FilePlan;
  /** The owner's files at every path of base and next (absent: not on disk) */
  current: ReadonlyMap<string, Buffer>;
  /** The manifest's hashes of what was written, when the app has one */
  writtenHashes?: Readonly<Record<string, string>>;
}

const sortByPath = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function planUpgrade({ base, next, current, writtenHashes }: UpgradeInput): UpgradePlan {
  const writes: [string, Buffer][] = [];
  const removes: string[] = [];
  const changes: FileChange[] = [];
  const change = (path: string, action: FileAction, note?: string) =>
    changes.push(note === undefined ? { path, action } : { path, action, note });
  const write = (path: string, contents: Buffer, action: FileAction, note?: string) => {
    writes.push([path, contents]);
    change(path, action, note);
  };
  /** The owner has not touched it since we wrote it. */
  const untouched = (path: string, mine: Buffer) =>
    (writtenHashes?.[path] !== undefined && writtenHashes[path] === fileHash(mine)) || base.get(path)?.equals(mine) === true;

  const paths = [...new Set([...base.keys(), ...next.keys()])].filter((path) => path !== APP_MANIFEST_PATH).sort();
  const moves = findMoves(paths, base, next, current, untouched);
  const moved = new Set([...moves.keys(), ...moves.values()]);
  for (const [from, to] of moves) {
    const merged = mergeChanged(to, base.get(from)!, current.get(from)!, next.get(to)!);
    if (merged.kind === 'kept') {
      change(from, 'kept', `moved to ${to} in the templates; ${merged.note}`);
      continue;
    }
    write(to, merged.contents, merged.kind, `moved from ${from} with your changes${merged.note ? `; ${merged.note}` : ''}`);
    removes.push(from);
  }
  for (const path of paths.filter((candidate) => !moved.has(candidate))) {
    const [was, mine, ours] = [base.get(path), current.get(path), next.get(path)];

    if (holdsOwnerSettings(path)) {
      if (ours === undefined) continue;
      if (mine === undefined) {
        // The owner deleted a settings file we wrote: not ours to bring back.
        if (was === undefined) write(path, ours, 'added');
        continue;
      }
      const merged = mergeDotenv(mine.toString('utf8'), ours.toString('utf8'));
      if (merged.added.length > 0) {
        write(path, Buffer.from(merged.contents), 'settings', `your settings kept; added ${merged.added.join(', ')}`);
      }
      continue;
    }

    if (ours === undefined) {
      // Gone from today's templates.
      if (mine === undefined) continue;
      if (untouched(path, mine)) {
        removes.push(path);
        change(path, 'removed');
      } else change(path, 'kept', 'no longer part of the templates; you changed it, so it stays');
      continue;
    }
    if (mine === undefined) {
      if (was === undefined) write(path, ours, 'added');
      else if (!was.equals(ours)) change(path, 'kept', 'you deleted it and the templates changed it; not restored');
      continue;
    }
    if (mine.equals(ours)) continue;
    if (was === undefined) {
      change(path, 'kept', 'new in the templates, but a file of yours is there; yours stays, not overwritten');
      continue;
    }
    if (untouched(path, mine)) {
      write(path, ours, 'replaced');
      continue;
    }
    if (was.equals(ours)) continue; // only the owner changed it
    const merged = mergeChanged(path, was, mine, ours);
    if (merged.kind === 'kept') {
      change(path, 'kept', merged.note);
      continue;
    }
    if (!merged.contents.equals(mine)) writes.push([path, merged.contents]);
    change(path, merged.kind, merged.note);
  }
  // Files we wrote that are gone after this run: a kept module importing one is broken, and says so.
  const gone = new Set([...base.keys()].filter((path) => !next.has(path) && (removes.includes(path) || !current.has(path))));
  for (const kept of changes.filter((candidate) => candidate.action === 'kept' && isCodeFile(candidate.path))) {
    const mine = current.get(kept.path);
    const stale = mine && !isBinary(mine) ? importsOfGoneFiles(kept.path, mine.toString('utf8'), gone) : [];
    if (stale.length > 0)
      kept.note = `${kept.note}; it imports ${stale.join(', ')}, gone from the templates: update or delete it`;
  }
  return {
    writes: new Map(sortByPath(writes)),
    removes: removes.sort(),
    changes: changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

/**
 * Files the templates moved that the owner changed at the old path: each old path (gone from the
 * templates, changed by the owner) paired with a new path of the same file name whose contents are
 * mostly those the CLI wrote at the old one, so the owner's changes follow the file.
 */
function findMoves(
  paths: readonly string[],
  base: FilePlan,
  next: FilePlan,
  current: ReadonlyMap<string, Buffer>,
  untouched: (path: string, mine: Buffer) => boolean,
): Map<string, string> {
  const name = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const gone = paths.filter(
    (path) => !next.has(path) && current.has(path) && !holdsOwnerSettings(path) && !untouched(path, current.get(path)!),
  );
  const arrived = paths.filter((path) => !base.has(path) && !current.has(path));
  const moves = new Map<string, string>();
  for (const from of gone) {
    const candidates = arrived
      .filter((to) => name(to) === name(from) && ![...moves.values()].includes(to))
      .map((to) => ({ to, score: lineSimilarity(base.get(from)!.toString('utf8'), next.get(to)!.toString('utf8')) }))
      .filter(({ score }) => score >= 0.5)
      .sort((a, b) => b.score - a.score);
    if (candidates[0]) moves.set(from, candidates[0].to);
  }
  return moves;
}

/** Share of lines two texts have in common (as a longest common subsequence), 0..1. */
function lineSimilarity(a: string, b: string): number {
  const [left, right] = [a.split('\n'), b.split('\n')];
  const common = diffComm(left, right).reduce((sum, part) => sum + (part.common?.length ?? 0), 0);
  return (2 * common) / (left.length + right.length);
}

type Merged = { kind: 'merged' | 'conflict'; contents: Buffer; note?: string } | { kind: 'kept'; note: string };

function mergeChanged(path: string, was: Buffer, mine: Buffer, ours: Buffer): Merged {
  if (isBinary(was) || isBinary(mine) || isBinary(ours)) {
    return { kind: 'kept', note: 'binary file changed by you and by the templates; yours stays' };
  }
  if (path === 'package.json') {
    try {
      const merged = mergePackageJson(was.toString('utf8'), mine.toString('utf8'), ours.toString('utf8'));
      return merged.kept.length > 0
        ? {
            kind: 'merged',
            contents: Buffer.from(merged.text),
            note: `yours kept for ${merged.kept.join(', ')} (changed by both)`,
          }
        : { kind: 'merged', contents: Buffer.from(merged.text) };
    } catch {
      // Not valid JSON on one side: a line merge still does the sensible thing.
    }
  }
  const merged = mergeText(was.toString('utf8'), mine.toString('utf8'), ours.toString('utf8'));
  return merged.conflicts > 0
    ? {
        kind: 'conflict',
        contents: Buffer.from(merged.text),
        note: `${merged.conflicts} conflict${merged.conflicts === 1 ? '' : 's'} marked in the file`,
      }
    : { kind: 'merged', contents: Buffer.from(merged.text) };
}
