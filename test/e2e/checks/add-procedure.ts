/**
 * "Add a backend procedure" as the app's README says, on a rendered and installed app: one
 * procedure in backend/src/router.ts and nothing else of ours. A test written into the app calls it
 * through the renderer's IPC link, main's IPC handler and its `remote.*` forwarding, and the real
 * backend (the kit tests' helpers, copied in beside it), and the app's typecheck proves the renderer's types follow
 * the backend's router. Nothing under src/main may change.
 */
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ADDED_TEST = 'test/added-procedure.test.ts';

const ROUTER = 'backend/src/router.ts';
/** The kit tests' helpers the calling test uses, as test/helpers/<name> in the app. */
const KIT_HELPERS = [
  'base/helpers/fake-ipc.ts',
  'base/helpers/harness.ts',
  'base/helpers/keys.ts',
  'backend-shared/helpers/live-backend.ts',
];
const KIT_TESTS = join(import.meta.dirname, '..', '..', 'kit');
const ROUTER_START = 'export const backendRouter = router({\n';
const PROCEDURE = `  shout: protectedProcedure
    .input(z.object({ text: z.string().min(1) }))
    .query(({ ctx, input }) => ({ text: input.text.toUpperCase(), userId: ctx.auth.userId })),
`;

const CALLING_TEST = `import { expect, it } from 'vitest';
import { connectBackend } from '../src/kit/main/remote/backend';
import { createAppHarness, useLiveBackend } from './helpers/live-backend';

const live = useLiveBackend();

it('calls a procedure added to the backend router through the IPC link, main and the backend', async () => {
  connectBackend({ backendUrl: live.backend.url });
  const harness = await createAppHarness({ key: live.key });
  const token = await live.key.sign({ sub: 'user_added', sid: 'sess_added' });
  const { client } = harness.openWindow({ getToken: async () => token });
  const answer: { text: string; userId: string } = await client.remote.shout.query({ text: 'hello' });
  expect(answer).toEqual({ text: 'HELLO', userId: 'user_added' });
  // @ts-expect-error the input's type comes from the backend's router
  await expect(client.remote.shout.query({ txt: 'hello' })).rejects.toThrow(/text/);
});
`;

/** path (relative to \`dir\`) → sha256 of every file under it. */
export function fileHashes(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else hashes.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return hashes;
}

/** Adds the procedure and the calling test; returns the function that puts the app back as it was. */
export function addBackendProcedure(appDir: string): () => void {
  const routerFile = join(appDir, ROUTER);
  const original = readFileSync(routerFile, 'utf8');
  if (!original.includes(ROUTER_START)) throw new Error(`${ROUTER} no longer has "${ROUTER_START.trim()}"`);
  writeFileSync(routerFile, original.replace(ROUTER_START, ROUTER_START + PROCEDURE));
  writeFileSync(join(appDir, ADDED_TEST), CALLING_TEST);
  const helpers = KIT_HELPERS.map((file) => join(appDir, 'test', 'helpers', file.slice(file.lastIndexOf('/') + 1)));
  KIT_HELPERS.forEach((file, index) => cpSync(join(KIT_TESTS, file), helpers[index]!));
  return () => {
    writeFileSync(routerFile, original);
    for (const file of [join(appDir, ADDED_TEST), ...helpers]) rmSync(file, { force: true });
  };
}
