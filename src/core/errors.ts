/** Exit codes fixed by the design: 0 success, 1 bad input or refused, 130 cancelled. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_CANCELLED = 130;

/** A problem the user can fix; the message says what is wrong and how to fix it. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Ctrl+C at a question or during writing, or "no" to a question whose default is cancel. */
export class CancelledError extends Error {
  readonly exitCode = EXIT_CANCELLED;
  constructor(message = 'Cancelled; nothing was written.') {
    super(message);
    this.name = 'CancelledError';
  }
}
