import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** answers other than 2xx plus connection errors and timeouts */
  failures: number;
}

export interface LoadSpec {
  url: string;
  /** `GET <path>` or `POST <path>` with `body` */
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** one is taken per request, round robin: many users */
  tokens: readonly string[];
  connections: number;
  seconds: number;
}

/** Drives one route with autocannon at `connections` for a bounded time, a different user's token per request. */
export async function drive(spec: LoadSpec): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 30,
    requests: [
      {
        method: spec.method,
        path: spec.path,
        ...(spec.body === undefined ? {} : { body: spec.body }),
        setupRequest: (request) => ({
          ...request,
          headers: {
            ...request.headers,
            ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
            authorization: `Bearer ${spec.tokens[next++ % spec.tokens.length]!}`,
          },
        }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** tRPC's query URL for an input (superjson's envelope). */
export function queryPath(procedure: string, input: unknown): string {
  return `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}

/** tRPC's mutation body for an input (superjson's envelope). */
export function mutationBody(input: unknown): string {
  return JSON.stringify({ json: input });
}
