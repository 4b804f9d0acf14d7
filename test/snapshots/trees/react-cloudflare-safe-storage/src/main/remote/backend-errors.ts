/**
 * Turns a failed backend call into the TRPCError main answers the renderer with, so the renderer
 * sees the backend's own code (a 401 arrives as UNAUTHORIZED, bad input as BAD_REQUEST…) and a
 * clear, typed error when the backend cannot be reached, is too slow or answers nonsense.
 */
import { TRPCClientError } from '@trpc/client';
import { TRPCError } from '@trpc/server';

type Code = TRPCError['code'];

const CODES_BY_STATUS: Record<number, Code> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

function errorName(value: unknown): string | undefined {
  return value instanceof Error || (typeof value === 'object' && value !== null && 'name' in value)
    ? String((value as { name: unknown }).name)
    : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any backend router's client error
export function toBackendError(error: TRPCClientError<any>, backendUrl: string, signal?: AbortSignal): TRPCError {
  // The backend answered with a tRPC error: keep its code and message.
  const data = error.data as { code?: Code } | undefined;
  if (data?.code) return new TRPCError({ code: data.code, message: error.message });

  if (signal?.aborted) return new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'Cancelled.' });
  const cause = error.cause;
  if (errorName(cause) === 'TimeoutError') {
    return new TRPCError({ code: 'GATEWAY_TIMEOUT', message: `The backend at ${backendUrl} did not answer in time.` });
  }
  const status = (error.meta?.response as { status?: number } | undefined)?.status;
  if (status !== undefined) {
    const code = CODES_BY_STATUS[status];
    if (code) return new TRPCError({ code, message: code });
    return new TRPCError({ code: 'BAD_GATEWAY', message: `The backend at ${backendUrl} answered with HTTP ${status}.` });
  }
  if (cause instanceof TypeError || errorName(cause) === 'AbortError') {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: `The backend at ${backendUrl} is unreachable.` });
  }
  return new TRPCError({ code: 'BAD_GATEWAY', message: `The backend at ${backendUrl} gave an unexpected answer.` });
}
