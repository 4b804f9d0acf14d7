/**
 * What the renderer learns about a failed call.
 *
 * tRPC's default shape carries the error's message, and in development its stack. An unexpected
 * failure in main (INTERNAL_SERVER_ERROR: a bug, a file that could not be read…) can say things
 * about this machine (paths, internal names) that the page does not need, so outside development
 * its message is replaced by a generic one; main logs the real one (see `onError` in
 * src/main/index.ts). Errors procedures throw on purpose (UNAUTHORIZED, BAD_REQUEST, NOT_FOUND…)
 * keep their messages: they are written for the UI.
 */
import type { TRPCDefaultErrorShape, TRPCError } from '@trpc/server';

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong in the app. The details are in its log.';

export function maskInternalErrors<TShape extends TRPCDefaultErrorShape>(
  { shape, error }: { shape: TShape; error: TRPCError },
  isDev: boolean,
): TShape {
  if (isDev || error.code !== 'INTERNAL_SERVER_ERROR') return shape;
  return { ...shape, message: INTERNAL_ERROR_MESSAGE };
}
