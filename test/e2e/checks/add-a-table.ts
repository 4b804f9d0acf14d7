/**
 * The README's "Add a table", done to a rendered app with a backend as it says: a `bookmarks`
 * table in backend/src/db/schema.ts, its migration written by the app's own `db:generate`, its
 * queries in a store module, procedures on `dataProcedure` in backend/src/router.ts, a screen that
 * calls them, and a test of them on a real local database written like backend/test/notes.test.ts. An
 * anchor gone from a file fails here, so the README cannot drift from the templates unnoticed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the README section must still name for the steps below to be the ones it describes. */
export const ADD_A_TABLE_NAMES = [
  'backend/src/db/schema.ts',
  'db:generate',
  'backend/drizzle/',
  'backend/src/router.ts',
  'dataProcedure',
  'ctx.data.db',
  'ctx.workspace',
  'backend/test/notes.test.ts',
];

/** The test of the new procedures, in backend/. */
export const ADDED_TABLE_TEST = 'test/bookmarks.test.ts';

function edit(appDir: string, file: string, anchor: string, replacement: string): void {
  const path = join(appDir, file);
  const source = readFileSync(path, 'utf8');
  if (!source.includes(anchor)) {
    throw new Error(`${file} no longer contains ${JSON.stringify(anchor)}: update the README's "Add a table"`);
  }
  writeFileSync(path, source.replace(anchor, replacement));
}

const SCHEMA_EXPORT = 'export const schema = { ';

const TABLE = `export const bookmarks = sqliteTable(
  'bookmarks',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    orgId: text('org_id'),
    url: text('url').notNull(),
  },
  (table) => [index('bookmarks_user_id_org_id').on(table.userId, table.orgId), index('bookmarks_org_id').on(table.orgId)],
);

`;

/** Step 1: the table, with `user_id` and `org_id` columns, added to `schema`. */
export function addTableToSchema(appDir: string): void {
  edit(appDir, 'backend/src/db/schema.ts', SCHEMA_EXPORT, `${TABLE}${SCHEMA_EXPORT}bookmarks, `);
}

/** The migrations (SQL files) in backend/drizzle/. */
export function migrations(appDir: string): string[] {
  return readdirSync(join(appDir, 'backend', 'drizzle')).filter((name) => name.endsWith('.sql'));
}

export function migrationText(appDir: string, name: string): string {
  return readFileSync(join(appDir, 'backend', 'drizzle', name), 'utf8');
}

const STORE = `import { and, asc, eq, isNull } from 'drizzle-orm';
import type { AppDatabase } from './data';
import { bookmarks } from './db/schema';
import { uuidv7 } from './kit/db/ids';
import type { Workspace } from './notes-store';

export interface Bookmark {
  id: string;
  url: string;
}

const inWorkspace = ({ userId, orgId }: Workspace) =>
  orgId === null ? and(eq(bookmarks.userId, userId), isNull(bookmarks.orgId)) : eq(bookmarks.orgId, orgId);

export function listBookmarks(db: AppDatabase, workspace: Workspace): Promise<Bookmark[]> {
  return db
    .select({ id: bookmarks.id, url: bookmarks.url })
    .from(bookmarks)
    .where(inWorkspace(workspace))
    .orderBy(asc(bookmarks.id));
}

export async function addBookmark(db: AppDatabase, workspace: Workspace, url: string): Promise<Bookmark> {
  const bookmark: Bookmark = { id: uuidv7(), url };
  await db.insert(bookmarks).values({ ...bookmark, ...workspace });
  return bookmark;
}
`;

const PROCEDURES = `  bookmarks: router({
    list: dataProcedure.query(({ ctx }) => listBookmarks(ctx.data.db, ctx.workspace)),
    add: dataProcedure
      .input(z.object({ url: z.url() }))
      .mutation(({ ctx, input }) => addBookmark(ctx.data.db, ctx.workspace, input.url)),
  }),
`;

const TEST = `import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { authFromClaims } from '../src/kit/auth';
import { backendRouter } from '../src/router';
import { createTestData, type TestData } from './helpers/backend';

let testData: TestData;
beforeAll(async () => {
  testData = await createTestData();
}, 30_000);
afterAll(() => testData?.close());

const bookmarksOf = (userId: string | null) =>
  backendRouter.createCaller({
    auth: userId === null ? null : authFromClaims({ sub: userId, sid: \`sess_\${userId}\` }),
    data: testData.data,
  }).bookmarks;
const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => 'OK',
    (error: TRPCError) => error.code,
  );

it("keeps each user's bookmarks apart", async () => {
  const added = await bookmarksOf('user_a').add({ url: 'https://example.com/' });
  expect(await bookmarksOf('user_a').list()).toEqual([added]);
  expect(await bookmarksOf('user_b').list()).toEqual([]);
  expect(await codeOf(bookmarksOf('user_a').add({ url: 'not a url' }))).toBe('BAD_REQUEST');
  expect(await codeOf(bookmarksOf(null).list())).toBe('UNAUTHORIZED');
});
`;

/** Step 3 (the queries in a store module, procedures on `dataProcedure`), and a test of them. */
export function addTableProcedures(appDir: string): void {
  writeFileSync(join(appDir, 'backend', 'src', 'bookmarks-store.ts'), STORE);
  const storeImport = "import { z } from 'zod';\n";
  edit(
    appDir,
    'backend/src/router.ts',
    storeImport,
    `${storeImport}import { addBookmark, listBookmarks } from './bookmarks-store';\n`,
  );
  const routerStart = 'export const backendRouter = router({\n';
  edit(appDir, 'backend/src/router.ts', routerStart, routerStart + PROCEDURES);
  writeFileSync(join(appDir, 'backend', ADDED_TABLE_TEST), TEST);
}

/** Step 4, per renderer: a screen that calls the new procedure (its types come from the backend's router). */
export const CALL_FROM_A_SCREEN: Readonly<Record<string, (appDir: string) => void>> = {
  react(appDir) {
    writeFileSync(
      join(appDir, 'src/renderer/src/screens/Bookmarks.tsx'),
      `import { useQuery } from '@tanstack/react-query';

import { useTRPC } from '../../../kit/renderer/trpc';

export function Bookmarks() {
  const trpc = useTRPC();
  const bookmarks = useQuery(trpc.remote.bookmarks.list.queryOptions());
  return (
    <section className="card" data-screen="bookmarks">
      <h2>Bookmarks</h2>
      <ul>
        {bookmarks.data?.map((bookmark) => (
          <li key={bookmark.id}>{bookmark.url}</li>
        ))}
      </ul>
    </section>
  );
}
`,
    );
  },
};
