/**
 * Long-running work in an Electron `utilityProcess` (a Node.js child that stays alive while main
 * stays responsive), run for the caller of a procedure with the caller's identity:
 *
 *   heavy: protectedProcedure.input(…).mutation(({ ctx, input, signal }) =>
 *     runInUtilityProcess({ modulePath: join(__dirname, 'heavy-worker.js'), auth: ctx.auth,
 *       getFreshToken: ctx.getFreshToken, input, signal }))
 *
 * and in heavy-worker.ts (built as its own entry): `serveWorker(async ({ identity, input, getToken }) => …)`
 * (./worker-side.ts).
 *
 * The worker gets `{ userId, sessionId, status }` only, over a MessagePort that main transfers to it
 * (never through argv or the environment, which other processes can read). When it needs to call the
 * backend it asks main for a token; main answers with the caller window's fresh token
 * (src/kit/ipc/main/fresh-token.ts) only while that token is still the caller's user and session. Once
 * the window has signed out or switched accounts, the call fails with a WorkerError and the process is
 * killed: work started for one user never gets another user's token.
 * The signal (the call cancelled, its window closed or reloaded) kills the process.
 */
import { MessageChannelMain, utilityProcess } from 'electron';
import { decodeJwt, type JWTPayload } from 'jose';

import { identityOf, type MainToWorker, type PortLike, type WorkerIdentity, type WorkerToMain } from './protocol';

/** The part of Electron's `UtilityProcess` used here. */
export interface UtilityProcessLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface RunInUtilityProcessOptions {
  modulePath: string;
  auth: WorkerIdentity | null;
  getFreshToken: () => Promise<string | null>;
  input?: unknown;
  signal?: AbortSignal;
  /** Tests inject fakes; the app uses Electron's. */
  fork?: (modulePath: string) => UtilityProcessLike;
  createChannel?: () => { port1: PortLike; port2: unknown };
}

export class WorkerError extends Error {
  override name = 'WorkerError';
}

/** `token` when it may be handed to work started for `identity`, else the error that ends that work. */
function tokenForWorker(identity: WorkerIdentity | null, token: string | null): string | WorkerError {
  if (identity === null) return new WorkerError('The worker was started signed out: it gets no token.');
  if (token === null) return new WorkerError("The worker's user has signed out since it started; its work was stopped.");
  // getFreshToken hands out only tokens main has verified, so their claims can be read as they are.
  let claims: JWTPayload | null = null;
  try {
    claims = decodeJwt(token);
  } catch {
    // not a JWT: not the worker's user either
  }
  return claims?.sub === identity.userId && claims.sid === identity.sessionId
    ? token
    : new WorkerError('The window switched to another account since the worker started; its work was stopped.');
}

export function runInUtilityProcess(options: RunInUtilityProcessOptions): Promise<unknown> {
  const fork = options.fork ?? ((modulePath: string) => utilityProcess.fork(modulePath, [], { serviceName: 'app-worker' }));
  const createChannel =
    options.createChannel ?? (() => new MessageChannelMain() as unknown as { port1: PortLike; port2: unknown });
  const identity = identityOf(options.auth);

  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new WorkerError('Cancelled before the worker started.'));
    const child = fork(options.modulePath);
    const { port1: port, port2 } = createChannel();
    let settled = false;

    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      port.off('message', onMessage);
      port.close();
      options.signal?.removeEventListener('abort', onAbort);
      child.kill();
      outcome();
    };
    const onAbort = (): void => finish(() => reject(new WorkerError('Cancelled.')));
    const onMessage = ({ data }: { data: unknown }): void => {
      const message = data as WorkerToMain;
      if (message.type === 'result') finish(() => resolve(message.value));
      else if (message.type === 'error') finish(() => reject(new WorkerError(message.message)));
      else if (message.type === 'token-request') {
        void options
          .getFreshToken()
          .catch(() => null)
          .then((fresh) => {
            const token = tokenForWorker(identity, fresh);
            if (token instanceof WorkerError) finish(() => reject(token));
            else if (!settled) port.postMessage({ type: 'token', requestId: message.requestId, token } satisfies MainToWorker);
          });
      }
    };

    port.on('message', onMessage);
    port.start();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('exit', (code) => finish(() => reject(new WorkerError(`The worker exited (code ${code}) without an answer.`))));
    child.postMessage({ type: 'port' }, [port2]);
    port.postMessage({ type: 'start', identity, input: options.input } satisfies MainToWorker);
  });
}
