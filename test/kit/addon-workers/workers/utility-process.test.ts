/**
 * Long-running work in a utilityProcess gets the caller's ctx.auth (identity only) and fresh
 * tokens only through main. The utility process is faked in-process; the ports are real
 * MessagePorts (node:worker_threads), adapted to Electron's `MessagePortMain` events.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';

import { describe, expect, it } from 'vitest';

import type { PortLike } from '../../src/kit/main/workers/protocol';
import { runInUtilityProcess, type UtilityProcessLike } from '../../src/kit/main/workers/run-in-utility-process';
import { serveWorker, type WorkerJob } from '../../src/kit/main/workers/worker-side';

/** Node's MessagePort with the events of Electron's MessagePortMain (`{ data }`). */
function electronPort(port: MessagePort): PortLike {
  const wrapped = new Map<(event: { data: unknown }) => void, (data: unknown) => void>();
  return {
    postMessage: (message) => port.postMessage(message),
    on: (_event, listener) => {
      const inner = (data: unknown) => listener({ data });
      wrapped.set(listener, inner);
      port.on('message', inner);
    },
    off: (_event, listener) => {
      port.off('message', wrapped.get(listener)!);
      wrapped.delete(listener);
    },
    start: () => port.start(),
    close: () => port.close(),
  };
}

/** A utilityProcess that runs `work` in this process, with what it was given recorded. */
function fakeUtilityProcess(work: (job: WorkerJob) => Promise<unknown>) {
  const seen = { argv: [] as string[], killed: 0, messages: [] as unknown[] };
  const fork = (modulePath: string): UtilityProcessLike => {
    seen.argv.push(modulePath);
    let deliver: ((event: { data: unknown; ports: PortLike[] }) => void) | undefined;
    serveWorker(work, { once: (_event, listener) => (deliver = listener) });
    return {
      postMessage: (message, transfer) => {
        seen.messages.push(message);
        deliver?.({ data: message, ports: (transfer as MessagePort[]).map(electronPort) });
      },
      once: () => {},
      kill: () => (seen.killed++, true),
    };
  };
  const createChannel = () => {
    const channel = new MessageChannel();
    return { port1: electronPort(channel.port1), port2: channel.port2 };
  };
  return { fork, createChannel, seen };
}

/** An unsigned token with the claims main reads (getFreshToken hands out only tokens main verified). */
function jwtOf(sub: string, sid: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub, sid })}.signature`;
}

const auth = {
  userId: 'user_w',
  sessionId: 'sess_w',
  status: 'active',
  claims: { sub: 'user_w', secret: 'claims stay in main' },
};

describe('runInUtilityProcess', () => {
  it('hands the worker the caller identity only, never the token or the claims, and returns its result', async () => {
    const jobs: WorkerJob[] = [];
    const fake = fakeUtilityProcess(
      async (job) => (jobs.push(job), `done for ${job.identity?.userId} with ${String(job.input)}`),
    );
    const result = await runInUtilityProcess({
      modulePath: '/out/main/heavy.js',
      auth,
      getFreshToken: async () => 'jwt',
      input: 42,
      ...fake,
    });
    expect(result).toBe('done for user_w with 42');
    expect(jobs[0]!.identity).toEqual({ userId: 'user_w', sessionId: 'sess_w', status: 'active' });
    expect(JSON.stringify(fake.seen.messages)).not.toContain('jwt');
    expect(fake.seen.killed).toBe(1);
  });

  it("a fresh token comes through main while it is still the caller's user and session", async () => {
    const tokens: string[] = [];
    const fake = fakeUtilityProcess(async (job) => (tokens.push(await job.getToken()), 'ok'));
    const callerToken = jwtOf('user_w', 'sess_w');
    await runInUtilityProcess({ modulePath: 'w.js', auth, getFreshToken: async () => callerToken, ...fake });
    expect(tokens).toEqual([callerToken]);
  });

  it('ends the worker with a clear error, and no token, once its window signed out or switched accounts', async () => {
    for (const [now, message] of [
      [jwtOf('user_other', 'sess_other'), 'switched to another account'],
      [jwtOf('user_w', 'sess_after_signing_in_again'), 'switched to another account'],
      [null, 'signed out'],
    ] as const) {
      let token: string | null = jwtOf('user_w', 'sess_w');
      const received: string[] = [];
      const fake = fakeUtilityProcess(async (job) => {
        received.push(await job.getToken());
        token = now; // the window's token changes while the work runs
        received.push(await job.getToken());
        return 'ok';
      });
      const running = runInUtilityProcess({ modulePath: 'w.js', auth, getFreshToken: async () => token, ...fake });
      await expect(running).rejects.toThrow(message);
      expect(received).toEqual([jwtOf('user_w', 'sess_w')]);
      expect(fake.seen.killed).toBe(1);
    }
  });

  it('is killed when the call is cancelled (window closed or reloaded), and errors come back as errors', async () => {
    const controller = new AbortController();
    const fake = fakeUtilityProcess(() => new Promise(() => {}));
    const running = runInUtilityProcess({
      modulePath: 'w.js',
      auth,
      getFreshToken: async () => null,
      signal: controller.signal,
      ...fake,
    });
    controller.abort();
    await expect(running).rejects.toThrow('Cancelled');
    expect(fake.seen.killed).toBe(1);

    const failing = fakeUtilityProcess(async () => {
      throw new Error('disk full');
    });
    await expect(
      runInUtilityProcess({ modulePath: 'w.js', auth: null, getFreshToken: async () => null, ...failing }),
    ).rejects.toThrow('disk full');
  });
});
