/**
 * The IPC transport at scale, ours next to plain Electron-style IPC (lib/baseline-ipc.ts: no
 * token logic) over the same fake IPC pair (structured clone, asynchronous delivery): a 1 MB
 * result, 1,000 calls in flight from one window, and 10 windows with 100 calls in flight each.
 * Time per scenario and heap (right after the burst, and after full GCs, to show that nothing is
 * kept). Asserts only invariants (every call answered, no errors, heap back near its start).
 */
import { createTRPCClient } from '@trpc/client';
import { performance } from 'node:perf_hooks';
import { expect, test } from 'vitest';
import { router, publicProcedure } from '../src/kit/main/trpc/init';
import type { Context } from '../src/kit/main/trpc/init';
import { createIpcBridge } from '../src/kit/ipc/protocol';
import { createFakeElectron } from './helpers/fake-ipc';
import { createHarness, TEST_APP } from './helpers/harness';
import { baselineLink, registerBaselineHandler } from './lib/baseline-ipc';
import { settledHeapUsed } from './lib/gc';
import { markdownTable, percentile } from './lib/stats';
import { publish } from './lib/publish';

const ROUNDS = 10;
const IN_FLIGHT = 1_000;
const WINDOWS = 10;
const PER_WINDOW = 100;
/** About 1 MB once serialized: 10,000 rows of ~100 bytes. */
const BIG_ROWS = Array.from({ length: 10_000 }, (_, i) => ({
  id: i,
  text: `row ${i} `.padEnd(80, '.'),
  createdAt: new Date(1_700_000_000_000 + i),
}));

const benchRouter = router({
  echo: publicProcedure.input((raw) => raw as { id: number }).query(({ input }) => input),
  big: publicProcedure.query(() => BIG_ROWS),
  whoami: publicProcedure.query(({ ctx }) => ctx.auth?.userId ?? null),
});
type Client = ReturnType<typeof createTRPCClient<typeof benchRouter>>;

async function setUp() {
  const harness = await createHarness({ router: benchRouter });
  const ours: Client[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    const token = Promise.resolve(await harness.key.sign({ sub: `user_${i + 1}`, exp: Math.floor(Date.now() / 1000) + 3600 }));
    ours.push(harness.openWindow({ getToken: () => token }).client);
  }
  const electron = createFakeElectron();
  const context: Context = { windowId: 1, token: null, auth: null, getFreshToken: async () => null, app: TEST_APP };
  registerBaselineHandler(electron.ipcMain, benchRouter, context);
  const baseline: Client[] = Array.from({ length: WINDOWS }, () =>
    createTRPCClient<typeof benchRouter>({
      links: [baselineLink(createIpcBridge(electron.createWindow().ipcRenderer), benchRouter)],
    }),
  );
  expect(await ours[0]!.whoami.query()).toBe('user_1');
  return {
    harness,
    sides: [
      { name: 'baseline (plain IPC, no token logic)', clients: baseline },
      { name: 'ours (signed in)', clients: ours },
    ],
  };
}

interface Scenario {
  name: string;
  run: (clients: Client[]) => Promise<unknown>;
}

const scenarios: Scenario[] = [
  { name: '1 MB result (10,000 rows), one call', run: (c) => c[0]!.big.query() },
  {
    name: `${IN_FLIGHT.toLocaleString('en')} calls in flight from one window`,
    run: (c) => Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => c[0]!.echo.query({ id: i }))),
  },
  {
    name: `${WINDOWS} windows at once, ${PER_WINDOW} calls in flight each`,
    run: (c) => Promise.all(c.flatMap((client) => Array.from({ length: PER_WINDOW }, (_, i) => client.echo.query({ id: i })))),
  },
];

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

test('transport at scale: 1 MB results, 1,000 calls in flight, 10 windows', { timeout: 600_000 }, async () => {
  const { harness, sides } = await setUp();
  const rows: (string | number)[][] = [];
  for (const scenario of scenarios) {
    // A warm-up of each side, then interleaved rounds.
    for (const side of sides) await scenario.run(side.clients);
    const times = sides.map(() => [] as number[]);
    const burstHeap = sides.map(() => [] as number[]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, side] of sides.entries()) {
        const before = settledHeapUsed();
        const t0 = performance.now();
        await scenario.run(side.clients);
        times[i]!.push(performance.now() - t0);
        burstHeap[i]!.push(process.memoryUsage().heapUsed - before);
      }
    }
    // What is kept: settled heap before and after more rounds of one side alone.
    const kept = [];
    for (const side of sides) {
      const before = settledHeapUsed();
      for (let round = 0; round < ROUNDS; round++) await scenario.run(side.clients);
      kept.push(settledHeapUsed() - before);
    }
    const ratio = percentile(
      times[1]!.map((t, round) => t / times[0]![round]!),
      50,
    );
    for (const [i, side] of sides.entries()) {
      rows.push([
        i === 0 ? scenario.name : '',
        side.name,
        ms(percentile(times[i]!, 50)),
        ms(Math.max(...times[i]!)),
        i === 0 ? '—' : `**${ratio.toFixed(2)}**`,
        mb(percentile(burstHeap[i]!, 50)),
        mb(kept[i]!),
      ]);
    }
  }
  publish(
    `\n## The transport at scale\n\n${ROUNDS} interleaved rounds of each scenario after a warm-up, ours (a signed-in window: ` +
      'token sent, verified once, then cached) next to the baseline link and handler over the same fake IPC pair. ' +
      'Time: median and worst round; ratio: median of per-round ratios. Heap: heapUsed right after a round minus before it ' +
      `(median: what the burst holds at its end), and the change of heapUsed after full GCs over ${ROUNDS} more rounds of one side alone (what is kept).\n\n` +
      markdownTable(
        ['scenario', 'side', 'time (median)', 'worst round', 'ours / baseline', 'heap held by the burst', 'heap kept after GC'],
        rows,
      ) +
      '\n',
  );
  expect(harness.errors).toEqual([]);
});
