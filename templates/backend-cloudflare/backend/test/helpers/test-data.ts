import { drizzle } from 'drizzle-orm/d1';
import type { BackendData } from '../../src/data';
import { schema } from '../../src/db/schema';
import { createLocalChangeSignal } from '../../src/kit/live/change-signal';
import { createNotesStore } from '../../src/notes-store';
import { openLocalD1 } from './local-d1';

export interface TestData {
  data: BackendData;
  close(): Promise<void>;
}

/** The procedures' data services on a new local D1 in memory, with drizzle/ applied. */
export async function createTestData(): Promise<TestData> {
  const d1 = await openLocalD1();
  const db = drizzle(d1.db, { schema });
  return { data: { db, notes: createNotesStore(db), changes: createLocalChangeSignal() }, close: d1.close };
}
