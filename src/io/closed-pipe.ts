/**
 * stdout and stderr that a reader going away (`… | head -1`) cannot crash. Node reports a closed
 * pipe as an 'error' event (EPIPE) on the stream, which is fatal without a listener; from then on
 * the run goes on to the end (or rolls back) as it would have, only without printing.
 */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

interface ErrorEmitter {
  write(text: string): unknown;
  isTTY?: boolean;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

export function tolerateClosedPipe(stream: ErrorEmitter): OutputStream & { readonly closed: boolean } {
  let closed = false;
  stream.on('error', () => {
    // EPIPE, or ERR_STREAM_DESTROYED for a write that was already queued: either way nobody reads.
    closed = true;
  });
  return {
    write(text: string) {
      if (closed) return false;
      try {
        return stream.write(text);
      } catch {
        closed = true;
        return false;
      }
    },
    get isTTY() {
      return stream.isTTY;
    },
    get closed() {
      return closed;
    },
  };
}
