/**
 * The generated backends under load, run locally on 127.0.0.1 (bench/lib/load/): authenticated
 * `notes.list` and `notes.add` for many users at 50 connections, beside the same routes on a
 * bench copy that skips token verification; memory and fan-out time of open live streams; and
 * `notes.list` for users with 10 and with 10,000 notes.
 */
import {
  copyBackend,
  cpuMs,
  residentBytes,
  startBackend,
  type BackendCopy,
  type RunningBackend,
} from './load/backend-servers.js';
import { drive, mutationBody, queryPath, type LoadResult, type LoadSpec } from './load/drive.js';
import { measureLiveStreams, type LiveStreamFigures } from './load/live-streams.js';
import { seedNotesSql } from './load/seed.js';
import { BENCH_ORGANIZATION_CLAIMS, createBenchSigner, tokensFor } from './load/tokens.js';
import { table } from './markdown.js';
import { formatBytes, median } from './stats.js';

export interface LoadOptions {
  node: string;
  /** seconds per measured run */
  seconds: number;
  /** interleaved rounds of each route on each copy */
  rounds: number;
  connections: number;
  /** users sending the load, each with 10 notes */
  users: number;
  /** users with 10,000 notes each */
  bigUsers: number;
  bigNotes: number;
  streamCounts: readonly number[];
}

export const DEFAULT_LOAD: Omit<LoadOptions, 'node'> = {
  seconds: 10,
  rounds: 3,
  connections: 50,
  users: 1000,
  // One is enough: each note added runs the change log's pruning DELETE over the user's log, so
  // seeding 10,000 notes for one user already costs the square of it.
  bigUsers: 1,
  bigNotes: 10_000,
  streamCounts: [100, 1000],
};

/** A run's result and the server's CPU time per answered request. */
type Measured = LoadResult & { cpuMsPerRequest: number };

interface RouteFigures {
  route: string;
  verified: Measured[];
  unverified: Measured[];
}

async function driveMeasured(server: RunningBackend, spec: LoadSpec): Promise<Measured> {
  const before = cpuMs(server.serverPids());
  const result = await drive(spec);
  return { ...result, cpuMsPerRequest: (cpuMs(server.serverPids()) - before) / Math.max(1, result.requests) };
}

export interface BackendLoadFigures {
  backend: string;
  routes: RouteFigures[];
  listSizes: { notes: number; runs: LoadResult[] }[];
  streams: (LiveStreamFigures | { streams: number; error: string })[];
}

const log = (line: string) => console.error(`load: ${line}`);

export async function loadBackend(appDir: string, backend: string, options: LoadOptions): Promise<BackendLoadFigures> {
  const signer = await createBenchSigner();
  const smallNotes = 10;
  const loadUsers = Array.from({ length: options.users }, (_, i) => `user_load_${i}`);
  const bigUsers = Array.from({ length: options.bigUsers }, (_, i) => `user_big_${i}`);
  const loadSeed = seedNotesSql(loadUsers, smallNotes);
  // Only the verified copy serves the big users (the list-size runs).
  const seeds = { verified: `${loadSeed}\n${seedNotesSql(bigUsers, options.bigNotes)}`, unverified: loadSeed };
  const loadTokens = await tokensFor(signer, 'user_load_', options.users);
  const bigTokens = await tokensFor(signer, 'user_big_', options.bigUsers);
  // Members of one organization, a few streams each: the backends cap the streams of one user.
  const liveTokens = await Promise.all(
    Array.from({ length: Math.ceil(Math.max(...options.streamCounts) / 4) }, (_, i) =>
      signer.sign(`user_live_${i}`, BENCH_ORGANIZATION_CLAIMS),
    ),
  );

  const copies: BackendCopy[] = [];
  const servers: RunningBackend[] = [];
  try {
    const start = async (verification: 'verified' | 'unverified') => {
      const copy = copyBackend(appDir, verification);
      copies.push(copy);
      log(`${backend}: starting the ${verification} copy`);
      const server = await startBackend(copy, { node: options.node, jwtKey: signer.publicKeyPem, seedSql: seeds[verification] });
      servers.push(server);
      return server;
    };
    const verified = await start('verified');
    const unverified = await start('unverified');

    const base = { connections: options.connections, seconds: options.seconds, tokens: loadTokens };
    const routes: { route: string; spec: Omit<LoadSpec, 'url'> }[] = [
      { route: '`notes.list` (10 notes a user)', spec: { ...base, method: 'GET', path: queryPath('notes.list', {}) } },
      {
        route: '`notes.add`',
        spec: { ...base, method: 'POST', path: '/trpc/notes.add', body: mutationBody({ text: 'a note from the load test' }) },
      },
    ];
    const figures: RouteFigures[] = routes.map(({ route }) => ({ route, verified: [], unverified: [] }));
    for (let round = 0; round < options.rounds; round++) {
      // Alternating which copy goes first cancels most of the machine's drift.
      const order = round % 2 === 0 ? (['verified', 'unverified'] as const) : (['unverified', 'verified'] as const);
      for (const [i, { route, spec }] of routes.entries()) {
        for (const which of order) {
          log(`${backend}: round ${round + 1}/${options.rounds}, ${route}, ${which}`);
          const server = which === 'verified' ? verified : unverified;
          figures[i]![which].push(await driveMeasured(server, { ...spec, url: server.url }));
        }
      }
    }

    const listSizes = [
      { notes: smallNotes, runs: [] as LoadResult[], tokens: loadTokens },
      { notes: options.bigNotes, runs: [] as LoadResult[], tokens: bigTokens },
    ];
    for (let round = 0; round < options.rounds; round++) {
      for (const size of round % 2 === 0 ? listSizes : [...listSizes].reverse()) {
        log(`${backend}: round ${round + 1}/${options.rounds}, notes.list with ${size.notes} notes a user`);
        size.runs.push(
          await drive({ ...base, tokens: size.tokens, url: verified.url, method: 'GET', path: queryPath('notes.list', {}) }),
        );
      }
    }

    const streams: BackendLoadFigures['streams'] = [];
    for (const count of options.streamCounts) {
      log(`${backend}: ${count} live streams`);
      try {
        streams.push(
          await measureLiveStreams({
            url: verified.url,
            tokens: liveTokens,
            count,
            memory: () => residentBytes(verified.serverPids()),
          }),
        );
      } catch (error) {
        streams.push({ streams: count, error: (error as Error).message.split('\n')[0]! });
      }
    }
    return { backend, routes: figures, listSizes: listSizes.map(({ notes, runs }) => ({ notes, runs })), streams };
  } finally {
    for (const server of servers) await server.stop();
    for (const copy of copies) copy.remove();
  }
}

const ms = (value: number) => (value > 0 ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : '—');
const rps = (runs: readonly LoadResult[]) => median(runs.map((r) => r.requestsPerSecond));
const failures = (runs: readonly LoadResult[]) => runs.reduce((sum, r) => sum + r.failures, 0);

/** Markdown for one or more backends' figures. */
export function renderBackendLoad(all: readonly BackendLoadFigures[], options: LoadOptions, goal = 0.1): string {
  const parts = [
    '## Backends under load',
    `Each backend runs locally on 127.0.0.1 (Node: its own build, \`node dist/…\`; Worker: \`wrangler dev\`, workerd with local D1 and Durable Objects) ` +
      `with a locally generated RSA key as CLERK_JWT_KEY. autocannon, in the bench's process, sends ${options.connections} connections for ` +
      `${options.seconds} s per run, ${options.rounds} interleaved rounds; every request carries a real RS256 session token of one of ` +
      `${options.users} users (each with 10 notes). "No verification" is a bench-only copy of the backend in which @clerk/backend's ` +
      '`verifyToken` only decodes the token (the session rules still run): the cost of auth is 1 − verified / unverified ' +
      `requests/s, median of the rounds (goal ≤ ${goal * 100}%), and, steadier on a shared machine, 1 − unverified / verified ` +
      'server CPU time per answered request (user + system time of the server process, or of workerd, from /proc). Requests/s, p50 and p99 are medians of the rounds. ' +
      'Both copies share 2 cores with the load tool (and, on this machine, with other work): absolute figures are noisy, ratios of one run are what counts.',
  ];
  for (const figures of all) {
    parts.push(`### ${figures.backend}`);
    parts.push(
      table(
        [
          'route',
          'verified: req/s',
          'p50',
          'p99',
          'no verification: req/s',
          'p50',
          'p99',
          'auth cost (req/s)',
          'server CPU per request: verified / no verification',
          'auth cost (CPU)',
          'failed requests',
        ],
        figures.routes.map((r) => {
          const answered = [...r.verified, ...r.unverified].every((x) => x.requests > 0);
          const cpuVerified = median(r.verified.map((x) => x.cpuMsPerRequest));
          const cpuUnverified = median(r.unverified.map((x) => x.cpuMsPerRequest));
          // The share of the server's CPU per request that verification takes: what it costs in throughput when CPU-bound.
          const cpuCost = 1 - cpuUnverified / cpuVerified;
          const cost = answered
            ? 1 - median(r.verified.map((v, i) => v.requestsPerSecond / r.unverified[i]!.requestsPerSecond))
            : NaN;
          return [
            r.route,
            `**${rps(r.verified).toFixed(0)}**`,
            ms(median(r.verified.map((x) => x.p50))),
            ms(median(r.verified.map((x) => x.p99))),
            rps(r.unverified).toFixed(0),
            ms(median(r.unverified.map((x) => x.p50))),
            ms(median(r.unverified.map((x) => x.p99))),
            Number.isNaN(cost) ? 'a run got no answer' : `**${(cost * 100).toFixed(1)}%** (${cost <= goal ? 'met' : 'not met'})`,
            `${ms(cpuVerified)} / ${ms(cpuUnverified)}`,
            `**${(cpuCost * 100).toFixed(1)}%** (${cpuCost <= goal ? 'met' : 'not met'})`,
            `${failures(r.verified)} / ${failures(r.unverified)}`,
          ];
        }),
      ),
    );
    const [small, big] = figures.listSizes;
    parts.push(
      table(
        ['`notes.list` (first page of 50)', 'req/s', 'p50', 'p99', 'failed requests'],
        figures.listSizes.map((s) => [
          `${s.notes.toLocaleString('en')} notes a user`,
          rps(s.runs).toFixed(0),
          ms(median(s.runs.map((x) => x.p50))),
          ms(median(s.runs.map((x) => x.p99))),
          failures(s.runs),
        ]),
      ) +
        `\n\np50 with ${big!.notes.toLocaleString('en')} / with ${small!.notes} notes: ` +
        `**${(median(big!.runs.map((x) => x.p50)) / median(small!.runs.map((x) => x.p50))).toFixed(2)}**`,
    );
    parts.push(
      table(
        [
          'open live streams (`notes.changes`, one organization, 4 per member)',
          'server memory per stream',
          'a change reaches the first',
          'reaches all',
        ],
        figures.streams.map((s) =>
          'error' in s
            ? [s.streams, `failed: ${s.error}`, '—', '—']
            : [s.streams, formatBytes(Math.round(s.bytesPerStream)), ms(s.firstMs), `**${ms(s.fanOutMs)}**`],
        ),
      ),
    );
  }
  return parts.join('\n\n');
}
