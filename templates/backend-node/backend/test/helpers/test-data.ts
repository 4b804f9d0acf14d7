import type { BackendData } from '../../src/data';
import { openDatabase } from '../../src/db/libsql';
import { createLocalChangeSignal } from '../../src/kit/live';
import { createNotesStore } from '../../src/notes-store';

export interface TestData {
  data: BackendData;
  close(): Promise<void>;
}

/** The procedures' data services on a new libSQL database in memory, with drizzle/ applied. */
export async function createTestData(): Promise<TestData> {
  const { db, close } = await openDatabase(':memory:');
  return { data: { db, notes: createNotesStore(db), changes: createLocalChangeSignal() }, close: async () => close() };
}
