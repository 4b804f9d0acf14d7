/**
 * Where queued mutations outlive the app: one file per user in `dir` (the app's userData), sealed
 * with the token storage's protection (./queue-sealer.ts), mode 0600 in a 0700 folder, replaced
 * atomically. Without a sealer (or when sealing fails) nothing is written: the queue lasts until the
 * app quits, as the sign-in does. A file that cannot be opened (another OS user's key, a key not
 * available yet) is left alone and skipped.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import superjson from 'superjson';

import type { QueuedMutation } from './mutation-queue';
import type { QueueSealer } from './queue-sealer';

export interface QueueStore {
  /** Every user's items, oldest first. */
  load(): Promise<QueuedMutation[]>;
  /** Replaces a user's items (none: the file goes). */
  save(userId: string, items: QueuedMutation[]): Promise<void>;
}

export interface QueueStoreOptions {
  /** Resolved on first use (userData is final once the app is ready). */
  dir: () => string;
  /** null: keep nothing on disk. */
  sealer: QueueSealer | null;
  log?: (message: string) => void;
}

const SUFFIX = '.queue';

/** The user id is not in the file name: the name is a hash of it. */
export const queueFileName = (userId: string): string => createHash('sha256').update(userId).digest('hex').slice(0, 32) + SUFFIX;

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

async function writeAtomically(path: string, contents: Buffer): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

export function createQueueStore(options: QueueStoreOptions): QueueStore {
  const { sealer } = options;
  const log = options.log ?? ((line: string) => console.warn(`[offline] ${line}`));
  let dir: string | undefined;
  const folder = (): string => (dir ??= options.dir());
  const warned = new Set<string>();
  const warnOnce = (line: string): void => {
    if (!warned.has(line)) log(line);
    warned.add(line);
  };

  return {
    async load() {
      if (!sealer) return [];
      let names: string[];
      try {
        names = (await readdir(folder())).filter((name) => name.endsWith(SUFFIX));
      } catch (error) {
        if (!isMissing(error)) warnOnce(`The queued changes could not be read (${String(error)}).`);
        return [];
      }
      const items: QueuedMutation[] = [];
      for (const name of names) {
        try {
          const { userId, items: stored } = superjson.parse<{ userId: string; items: QueuedMutation[] }>(
            await sealer.open(await readFile(join(folder(), name))),
          );
          if (name === queueFileName(userId)) items.push(...stored.filter((item) => item.userId === userId));
        } catch {
          warnOnce('A file of queued changes could not be opened here; it is kept and skipped.');
        }
      }
      return items.sort((a, b) => a.queuedAt - b.queuedAt);
    },
    async save(userId, items) {
      if (!sealer) return;
      const path = join(folder(), queueFileName(userId));
      try {
        if (items.length === 0) {
          await unlink(path).catch((error: unknown) => {
            if (!isMissing(error)) throw error;
          });
          return;
        }
        const sealed = await sealer.seal(superjson.stringify({ userId, items }));
        await mkdir(folder(), { recursive: true, mode: 0o700 });
        await writeAtomically(path, sealed);
      } catch (error) {
        warnOnce(`Queued changes are kept until the app quits: they could not be saved (${String(error)}).`);
      }
    },
  };
}
