import { Agent, request, type ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { mutationBody } from './drive.js';

export interface LiveStreamFigures {
  streams: number;
  /** server resident memory added by the open streams, per stream */
  bytesPerStream: number;
  /** from sending `notes.add` to the last stream receiving the change */
  fanOutMs: number;
  /** from sending `notes.add` to the first stream receiving it */
  firstMs: number;
}

interface OpenStream {
  request: ClientRequest;
  received: string;
  /** when the stream first contained the watched marker */
  reachedAt?: number;
}

/** What the streams wait for: set just before the change is sent. */
interface Watch {
  marker?: string;
}

/** Opens one `notes.changes` stream (tRPC over SSE) and resolves once the server answered 200. */
function openStream(url: string, token: string, agent: Agent, watch: Watch): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const stream: OpenStream = { request: undefined as unknown as ClientRequest, received: '' };
    stream.request = request(
      `${url}/trpc/notes.changes`,
      { agent, headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`notes.changes answered ${response.statusCode}`));
          response.resume();
          return;
        }
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          stream.received = (stream.received + chunk).slice(-8000);
          if (watch.marker && stream.reachedAt === undefined && stream.received.includes(watch.marker)) {
            stream.reachedAt = performance.now();
          }
        });
        response.on('error', () => {});
        resolve(stream);
      },
    );
    stream.request.on('error', (error) => (stream.received === '' ? reject(error) : undefined));
    stream.request.end();
  });
}

/**
 * Opens `count` streams in one organization, spread over its members (the backends allow each user a
 * few streams: `tokens` holds one per member, used round robin), reads the server's memory before and
 * after, then adds a note to the organization and times its arrival on every stream.
 */
export async function measureLiveStreams(opts: {
  url: string;
  tokens: readonly string[];
  count: number;
  memory: () => number;
}): Promise<LiveStreamFigures> {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const streams: OpenStream[] = [];
  const watch: Watch = {};
  try {
    await sleep(1000);
    const before = opts.memory();
    for (let i = 0; i < opts.count; i += 100) {
      const batch = Math.min(100, opts.count - i);
      streams.push(
        ...(await Promise.all(
          Array.from({ length: batch }, (_, index) =>
            openStream(opts.url, opts.tokens[(i + index) % opts.tokens.length]!, agent, watch),
          ),
        )),
      );
    }
    await sleep(2000);
    const after = opts.memory();

    const marker = `live-${Math.random().toString(36).slice(2)}`;
    watch.marker = marker;
    const sent = performance.now();
    const response = await fetch(`${opts.url}/trpc/notes.add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.tokens[0]}` },
      body: mutationBody({ text: marker }),
    });
    if (!response.ok) throw new Error(`notes.add answered ${response.status}: ${await response.text()}`);
    const deadline = Date.now() + 60_000;
    while (streams.some((s) => s.reachedAt === undefined) && Date.now() < deadline) await sleep(5);
    const reached = streams.filter((s) => s.reachedAt !== undefined).map((s) => s.reachedAt! - sent);
    if (reached.length < streams.length)
      throw new Error(`the change reached ${reached.length} of ${streams.length} streams in 60 s`);
    return {
      streams: opts.count,
      bytesPerStream: (after - before) / opts.count,
      fanOutMs: Math.max(...reached),
      firstMs: Math.min(...reached),
    };
  } finally {
    for (const s of streams) s.request.destroy();
    agent.destroy();
  }
}
