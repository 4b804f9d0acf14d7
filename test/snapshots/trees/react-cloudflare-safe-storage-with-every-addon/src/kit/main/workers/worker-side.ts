/**
 * The utility process's side of ./run-in-utility-process.ts: receive the port, the caller's
 * identity and the input, run `work`, answer. `getToken()` asks main for a fresh session token of
 * that same user and session; once the caller has signed out or switched accounts, main ends the
 * worker instead of answering.
 *
 *   // src/main/workers/heavy-worker.ts, an entry of its own in electron.vite.config.ts
 *   serveWorker(async ({ identity, input, getToken }) => { … return result; });
 */
import type { MainToWorker, PortLike, WorkerIdentity, WorkerToMain } from './protocol';

export interface WorkerJob {
  identity: WorkerIdentity | null;
  input: unknown;
  getToken(): Promise<string>;
}

/** The part of `process.parentPort` used here. */
export interface ParentPortLike {
  once(event: 'message', listener: (event: { data: unknown; ports: PortLike[] }) => void): unknown;
}

export function serveWorker(
  work: (job: WorkerJob) => Promise<unknown>,
  parentPort: ParentPortLike = (process as unknown as { parentPort: ParentPortLike }).parentPort,
): void {
  parentPort.once('message', ({ ports }) => {
    const port = ports[0];
    if (!port) return;
    let lastRequest = 0;
    const waiting = new Map<number, (token: string) => void>();
    const send = (message: WorkerToMain): void => port.postMessage(message);
    port.on('message', ({ data }) => {
      const message = data as MainToWorker;
      if (message.type === 'token') {
        waiting.get(message.requestId)?.(message.token);
        waiting.delete(message.requestId);
        return;
      }
      if (message.type !== 'start') return;
      const job: WorkerJob = {
        identity: message.identity,
        input: message.input,
        getToken: () =>
          new Promise((resolve) => {
            const requestId = ++lastRequest;
            waiting.set(requestId, resolve);
            send({ type: 'token-request', requestId });
          }),
      };
      work(job).then(
        (value) => send({ type: 'result', value }),
        (error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    });
    port.start();
  });
}
