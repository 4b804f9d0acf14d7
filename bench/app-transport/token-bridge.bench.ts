/**
 * What the session token costs on every IPC call, and what the bridge does when the app is idle.
 * Run from create-electron-clerk-trpc's repository against a generated app (`npm run bench --
 * --transport`, which copies this folder into the app as bench/); it prints measurements and
 * asserts only invariants, never timings.
 *
 * Per call: a query with a small input, renderer client → our IPC link → preload bridge → in-memory
 * IPC pair (structured clone + async delivery, like Electron) → our handler → tRPC → back. Compared
 * with the same pair, bridge, router and transformer driven by a link and handler without any
 * token logic (lib/baseline-ipc.ts). `getToken()` returns an already-resolved promise, which
 * is what clerk-js's token cache gives between refreshes.
 */
import { createTRPCClient } from '@trpc/client';
import superjson from 'superjson';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { afterAll, expect, test } from 'vitest';
import { router, publicProcedure } from '../src/kit/main/trpc/init';
import type { Context } from '../src/kit/main/trpc/init';
import { createIpcBridge } from '../src/kit/ipc/protocol';
import { ipcLink } from '../src/kit/ipc/renderer/link';
import { IPC_REQUEST_CHANNEL, IPC_RESPONSE_CHANNEL } from '../src/kit/ipc/protocol';
import { createFakeElectron, type FakeWindow } from './helpers/fake-ipc';
import { createHarness, TEST_APP } from './helpers/harness';
import { baselineLink, registerBaselineHandler } from './lib/baseline-ipc';
import { settledHeapUsed } from './lib/gc';
import { kb, markdownTable, percentile, us } from './lib/stats';
import { publish } from './lib/publish';
import { installTimerCounter } from './lib/timer-counter';

const WARMUP_CALLS = 3_000;
const ROUNDS = 50;
const CALLS_PER_ROUND = 200; // ROUNDS × CALLS_PER_ROUND = 10,000 measured calls per variant
const HEAP_SEGMENTS = 4;
const HEAP_SEGMENT_CALLS = 10_000;
const IDLE_MS = 3_000;
const INPUT = { id: 42, label: 'small input' };

const timers = installTimerCounter(fileURLToPath(new URL('../src/', import.meta.url)));
afterAll(() => timers.restore());

/** A hand-written validator (same cost class as a small schema): the app itself has no zod. */
function parseEchoInput(raw: unknown): { id: number; label: string } {
  const { id, label } = (raw ?? {}) as { id?: unknown; label?: unknown };
  if (typeof id !== 'number' || typeof label !== 'string') throw new Error('expected { id: number, label: string }');
  return { id, label };
}

const benchRouter = router({
  echo: publicProcedure.input(parseEchoInput).query(({ input }) => input),
  whoami: publicProcedure.query(({ ctx }) => ctx.auth?.userId ?? null),
});

/** Counts the messages crossing a fake window's IPC in each direction. */
function countIpc(win: FakeWindow) {
  const counts = { toMain: 0, toRenderer: 0 };
  const send = win.ipcRenderer.send.bind(win.ipcRenderer);
  win.ipcRenderer.send = (channel, ...args) => {
    if (channel === IPC_REQUEST_CHANNEL) counts.toMain++;
    send(channel, ...args);
  };
  const frame = win.frame;
  const frameSend = frame.send.bind(frame);
  frame.send = (channel, ...args) => {
    if (channel === IPC_RESPONSE_CHANNEL) counts.toRenderer++;
    frameSend(channel, ...args);
  };
  return counts;
}

async function setUp() {
  const harness = await createHarness({ router: benchRouter });
  const token = await harness.key.sign({ expiresIn: 3600 });
  const cachedToken = Promise.resolve(token);
  const signedOut = Promise.resolve(null);
  const signedIn = harness.openWindow({ getToken: () => cachedToken });
  const anonymous = harness.openWindow({ getToken: () => signedOut });

  const baselineElectron = createFakeElectron();
  const baselineContext: Context = { windowId: 1, token: null, auth: null, getFreshToken: async () => null, app: TEST_APP };
  registerBaselineHandler(baselineElectron.ipcMain, benchRouter, baselineContext);
  const baselineWindow = baselineElectron.createWindow();
  const baselineClient = createTRPCClient<typeof benchRouter>({
    links: [baselineLink(createIpcBridge(baselineWindow.ipcRenderer), benchRouter)],
  });
  // Halves, to see which side the added cost is on.
  const linkOnlyWindow = baselineElectron.createWindow();
  const linkOnlyClient = createTRPCClient<typeof benchRouter>({
    links: [
      ipcLink({ getToken: () => cachedToken, transformer: superjson, bridge: createIpcBridge(linkOnlyWindow.ipcRenderer) }),
    ],
  });
  const handlerOnlyWindow = harness.electron.createWindow();
  const handlerOnlyClient = createTRPCClient<typeof benchRouter>({
    links: [baselineLink(createIpcBridge(handlerOnlyWindow.ipcRenderer), benchRouter)],
  });

  // The token path is really taken: main sees the signed-in window as its user.
  expect(await signedIn.client.whoami.query()).toBe('user_1');
  expect(await anonymous.client.whoami.query()).toBeNull();

  return {
    harness,
    variants: [
      {
        name: 'baseline: same IPC pair, no token logic',
        call: () => baselineClient.echo.query(INPUT),
        ipc: countIpc(baselineWindow),
      },
      {
        name: 'ours, signed out (`getToken()` → null)',
        call: () => anonymous.client.echo.query(INPUT),
        ipc: countIpc(anonymous.win),
      },
      {
        name: 'ours, signed in (JWT verified once, then cached)',
        call: () => signedIn.client.echo.query(INPUT),
        ipc: countIpc(signedIn.win),
      },
      {
        name: 'breakdown: our link (signed in) + baseline handler',
        call: () => linkOnlyClient.echo.query(INPUT),
        ipc: countIpc(linkOnlyWindow),
      },
      {
        name: 'breakdown: baseline link + our handler (signed out)',
        call: () => handlerOnlyClient.echo.query(INPUT),
        ipc: countIpc(handlerOnlyWindow),
      },
    ],
  };
}

async function timeCalls(call: () => Promise<unknown>, count: number, into: number[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call();
    into.push((performance.now() - start) * 1000);
  }
}

async function runCalls(call: () => Promise<unknown>, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await call();
}

test('token bridge: per-call cost, heap, idle', { timeout: 300_000 }, async () => {
  const { harness, variants } = await setUp();
  const report: string[] = [];

  for (const variant of variants) await runCalls(variant.call, WARMUP_CALLS);

  // Interleaved blocks so that slow drifts of a shared machine hit every variant alike; the added
  // cost is the median over blocks of (variant's block p50 − baseline's block p50).
  timers.reset();
  const ipcBefore = variants.map((v) => ({ ...v.ipc }));
  const samples = variants.map(() => [] as number[]);
  const blockP50s = variants.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, variant] of variants.entries()) {
      const block: number[] = [];
      await timeCalls(variant.call, CALLS_PER_ROUND, block);
      samples[i]!.push(...block);
      blockP50s[i]!.push(percentile(block, 50));
    }
  }
  const duringCalls = timers.counts();
  const addedP50 = (i: number): number =>
    percentile(
      blockP50s[i]!.map((p50, round) => p50 - blockP50s[0]![round]!),
      50,
    );
  const p50Ratio = (i: number): number =>
    percentile(
      blockP50s[i]!.map((p50, round) => p50 / blockP50s[0]![round]!),
      50,
    );

  report.push(
    `### Per-call cost (${ROUNDS * CALLS_PER_ROUND} calls per variant after ${WARMUP_CALLS} warm-up calls, ` +
      `interleaved in ${ROUNDS} blocks of ${CALLS_PER_ROUND})`,
  );
  report.push(
    markdownTable(
      [
        'variant',
        'p50',
        'p99',
        'added p50 (median of per-block differences)',
        'p50 / baseline (median of per-block ratios)',
        'IPC messages per call (→ main / → renderer)',
      ],
      variants.map((variant, i) => {
        const calls = samples[i]!.length;
        return [
          variant.name,
          us(percentile(samples[i]!, 50)),
          us(percentile(samples[i]!, 99)),
          i === 0 ? '—' : `**${us(addedP50(i))}**`,
          i === 0 ? '—' : p50Ratio(i).toFixed(2),
          `${(variant.ipc.toMain - ipcBefore[i]!.toMain) / calls} / ${(variant.ipc.toRenderer - ipcBefore[i]!.toRenderer) / calls}`,
        ];
      }),
    ),
  );
  const signedInAdded = addedP50(2);
  report.push(
    `Added p50 of the signed-in bridge: **${us(signedInAdded)}**, ${p50Ratio(2).toFixed(2)}x the baseline's p50 ` +
      `(target < 10 µs: ${signedInAdded < 10 ? 'met' : 'NOT met'}).`,
  );
  report.push(
    `Timers created by src/ during the ${variants.length * ROUNDS * CALLS_PER_ROUND} measured calls: ${duringCalls.oursCreated}.`,
  );

  // Heap: settled (after full GCs) every HEAP_SEGMENT_CALLS calls of a long run, ours next to the
  // baseline so that V8's own drift (feedback, code) is visible as such.
  const heapRuns = [variants[0]!, variants[2]!].map((variant) => ({ variant, heap: [] as number[] }));
  for (const run of heapRuns) {
    run.heap.push(settledHeapUsed());
    for (let segment = 0; segment < HEAP_SEGMENTS; segment++) {
      await runCalls(run.variant.call, HEAP_SEGMENT_CALLS);
      run.heap.push(settledHeapUsed());
    }
  }
  const heapCalls = HEAP_SEGMENTS * HEAP_SEGMENT_CALLS;
  report.push(`### Heap over ${heapCalls} more calls (heapUsed after full GC, every ${HEAP_SEGMENT_CALLS} calls)`);
  report.push(
    markdownTable(
      [
        'variant',
        'heap at start',
        ...heapRuns[0]!.heap.slice(1).map((_, i) => `after ${(i + 1) * HEAP_SEGMENT_CALLS}`),
        'retained per call',
      ],
      heapRuns.map(({ variant, heap }) => [
        variant.name,
        ...heap.map((bytes, i) => (i === 0 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : kb(bytes - heap[0]!))),
        `${((heap.at(-1)! - heap[0]!) / heapCalls).toFixed(2)} bytes`,
      ]),
    ),
  );

  // Idle: nothing of ours runs, schedules or talks while nobody calls.
  timers.reset();
  const idleIpcBefore = variants.map((v) => ({ ...v.ipc }));
  const pendingAtIdleStart = timers.counts().oursPending;
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const idle = timers.counts();
  const idleIpc = variants.reduce(
    (sum, v, i) => sum + (v.ipc.toMain - idleIpcBefore[i]!.toMain) + (v.ipc.toRenderer - idleIpcBefore[i]!.toRenderer),
    0,
  );
  report.push(`### Idle for ${IDLE_MS / 1000} s after the calls above (two windows open, one signed in)`);
  report.push(
    markdownTable(
      ['counter (code in src/)', 'value'],
      [
        ['timers pending when idle starts', pendingAtIdleStart],
        ['setTimeout calls while idle', idle.oursCreated - idle.oursIntervals],
        ['setInterval calls while idle', idle.oursIntervals],
        ['timers pending at the end', idle.oursPending],
        ['IPC messages while idle (both directions)', idleIpc],
      ],
    ),
  );

  publish(`\n## Token bridge\n\n${report.join('\n\n')}\n`);

  // Invariants (not timings): the bridge did its job and stays quiet when idle.
  expect(harness.errors).toEqual([]);
  expect(duringCalls.oursCreated).toBe(0);
  expect([pendingAtIdleStart, idle.oursCreated, idle.oursPending, idleIpc]).toEqual([0, 0, 0, 0]);
});
