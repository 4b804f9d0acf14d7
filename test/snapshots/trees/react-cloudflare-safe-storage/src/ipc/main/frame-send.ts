/**
 * Sending to a renderer frame, telling apart the two ways a send fails:
 *
 * - the frame is gone (navigated, closed): nobody is listening, the operation is over;
 * - the value cannot be structured-cloned (a function, a Promise, a class with native state…):
 *   the frame is still waiting, so it must get something: the JSON view of the value (what tRPC's
 *   HTTP transport would carry: functions dropped, a Promise as `{}`), or an error.
 *
 * Electron throws a plain `Error` in both cases (not a `DataCloneError`), so the cause is found by
 * cloning the message ourselves, only after a send has failed.
 */
import { IPC_RESPONSE_CHANNEL, type MainMessage } from '../protocol';

/** The part of Electron's `WebFrameMain` used to answer. */
export interface SendableFrame {
  /** True once the frame has left the frame tree (Electron sets it; fakes may omit it). */
  readonly detached?: boolean;
  send(channel: string, message: MainMessage): void;
}

export type SendOutcome = 'sent' | 'gone' | 'uncloneable';

function isCloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

function sendOnce(frame: SendableFrame, message: MainMessage): SendOutcome {
  if (frame.detached) return 'gone';
  try {
    frame.send(IPC_RESPONSE_CHANNEL, message);
    return 'sent';
  } catch {
    return isCloneable(message) ? 'gone' : 'uncloneable';
  }
}

/** The message as JSON would carry it, or null when JSON cannot either (a cycle, a BigInt…). */
function asJson(message: MainMessage): MainMessage | null {
  try {
    return JSON.parse(JSON.stringify(message)) as MainMessage;
  } catch {
    return null;
  }
}

/**
 * Sends `message`; a message structured clone refuses is sent as its JSON view instead.
 * 'uncloneable' means neither could be sent and the caller must answer otherwise.
 */
export function sendToFrame(frame: SendableFrame, message: MainMessage): SendOutcome {
  const outcome = sendOnce(frame, message);
  if (outcome !== 'uncloneable') return outcome;
  const json = asJson(message);
  return json === null ? 'uncloneable' : sendOnce(frame, json);
}

function isPromiseLike(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function isAsyncIterable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * A query or mutation result that is, or directly holds, a Promise or an async iterable: a stream
 * that one IPC message cannot carry (tRPC's HTTP adapter refuses the same values outside of
 * httpBatchStreamLink). Deeper ones are left to the JSON fallback, as over HTTP.
 */
export function isStreamLike(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (isAsyncIterable(value) || isPromiseLike(value)) return true;
  return Object.values(value).some((item) => isPromiseLike(item) || isAsyncIterable(item));
}
