/**
 * Counts timers (setTimeout / setInterval) by who created them: "ours" when the stack that created
 * the timer passes through the app's src/ folder, "other" otherwise (test harness, vitest, libraries
 * called by nothing of ours). Also tracks which of our timers are still pending.
 */
export interface TimerCounts {
  oursCreated: number;
  oursIntervals: number;
  otherCreated: number;
  /** Our timers that have neither fired nor been cleared. */
  oursPending: number;
}

type Handle = ReturnType<typeof setTimeout>;

export interface TimerCounter {
  counts(): TimerCounts;
  /** Zero the creation counts (pending timers stay tracked). */
  reset(): void;
  /** Put the real functions back. */
  restore(): void;
}

const isOurs = (stack: string | undefined, srcMarker: string): boolean =>
  (stack ?? '')
    .split('\n')
    .slice(2)
    .some((frame) => frame.includes(srcMarker) && !frame.includes('node_modules'));

export function installTimerCounter(srcMarker = '/src/'): TimerCounter {
  const real = {
    setTimeout: globalThis.setTimeout,
    setInterval: globalThis.setInterval,
    clearTimeout: globalThis.clearTimeout,
    clearInterval: globalThis.clearInterval,
  };
  const pending = new Set<Handle>();
  let oursCreated = 0;
  let oursIntervals = 0;
  let otherCreated = 0;

  function wrap(kind: 'setTimeout' | 'setInterval') {
    return ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const ours = isOurs(new Error().stack, srcMarker);
      if (!ours) {
        otherCreated++;
        return real[kind](callback, ms, ...args);
      }
      oursCreated++;
      if (kind === 'setInterval') oursIntervals++;
      const handle: Handle = real[kind](
        (...callbackArgs: unknown[]) => {
          if (kind === 'setTimeout') pending.delete(handle);
          callback(...callbackArgs);
        },
        ms,
        ...args,
      );
      pending.add(handle);
      return handle;
    }) as typeof setTimeout;
  }
  const clear = (kind: 'clearTimeout' | 'clearInterval') =>
    ((handle: Handle | undefined) => {
      if (handle !== undefined) pending.delete(handle);
      real[kind](handle);
    }) as typeof clearTimeout;

  globalThis.setTimeout = wrap('setTimeout');
  globalThis.setInterval = wrap('setInterval') as unknown as typeof setInterval;
  globalThis.clearTimeout = clear('clearTimeout');
  globalThis.clearInterval = clear('clearInterval') as unknown as typeof clearInterval;

  return {
    counts: () => ({ oursCreated, oursIntervals, otherCreated, oursPending: pending.size }),
    reset() {
      oursCreated = 0;
      oursIntervals = 0;
      otherCreated = 0;
    },
    restore() {
      Object.assign(globalThis, real);
    },
  };
}
