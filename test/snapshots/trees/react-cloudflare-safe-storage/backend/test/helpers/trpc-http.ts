/** Plain-HTTP tRPC calls (superjson envelopes) and an SSE reader, for tests of the real server. */

export interface CallResult {
  status: number;
  /** `result.data.json` of a success, `error.json` of a failure */
  body: { data?: unknown; error?: { message: string; data?: { code?: string; httpStatus?: number } } };
}

export async function query(url: string, path: string, token: string | undefined, input?: unknown): Promise<CallResult> {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return toResult(await fetch(`${url}/trpc/${path}${search}`, { headers: auth(token) }));
}

export async function mutate(url: string, path: string, token: string | undefined, input: unknown): Promise<CallResult> {
  return toResult(
    await fetch(`${url}/trpc/${path}`, {
      method: 'POST',
      headers: { ...auth(token), 'content-type': 'application/json' },
      body: JSON.stringify({ json: input }),
    }),
  );
}

/** One batched request of mutations to one path; the results in order. */
export async function mutateBatch(url: string, path: string, token: string, inputs: unknown[]): Promise<CallResult[]> {
  const body = Object.fromEntries(inputs.map((input, index) => [index, { json: input }]));
  const response = await fetch(`${url}/trpc/${inputs.map(() => path).join(',')}?batch=1`, {
    method: 'POST',
    headers: { ...auth(token), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const items = (await response.json()) as Array<{
    result?: { data: { json: unknown } };
    error?: { json: CallResult['body']['error'] };
  }>;
  return items.map((item) =>
    item.result
      ? { status: 200, body: { data: item.result.data.json } }
      : { status: httpStatusOf(item.error?.json), body: { error: item.error?.json } },
  );
}

function httpStatusOf(error: CallResult['body']['error']): number {
  return error?.data?.httpStatus ?? 500;
}

function auth(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

async function toResult(response: Response): Promise<CallResult> {
  const json = (await response.json()) as { result?: { data: { json: unknown } }; error?: { json: CallResult['body']['error'] } };
  return { status: response.status, body: json.result ? { data: json.result.data.json } : { error: json.error?.json } };
}

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** An open SSE stream of a subscription: its events as they come, and a way to close it. */
export interface SseStream {
  status: number;
  /**
   * The next data event (tracked or not) or error (`event: 'serialized-error'`: tRPC answers a
   * subscription's errors inside the stream), skipping `connected` / `ping`; rejects after `timeoutMs`.
   */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** True when no data event arrives within `ms`. */
  quietFor(ms: number): Promise<boolean>;
  close(): void;
}

export async function subscribe(url: string, path: string, token: string, input?: unknown): Promise<SseStream> {
  const controller = new AbortController();
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await fetch(`${url}/trpc/${path}${search}`, {
    headers: { ...auth(token), accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const listener: { notify: (() => void) | null } = { notify: null };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const event = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          // Data and errors; tRPC's own `connected` / `ping` events are left out.
          if (event.event === undefined || event.event === 'message' || event.event === 'serialized-error') {
            events.push(event);
            listener.notify?.();
          }
        }
      }
    } catch {
      // closed
    }
  })();
  const waitForEvent = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      if (events.length > 0) return resolve(true);
      const timer = setTimeout(() => {
        listener.notify = null;
        resolve(false);
      }, timeoutMs);
      listener.notify = () => {
        clearTimeout(timer);
        listener.notify = null;
        resolve(true);
      };
    });
  return {
    status: response.status,
    async next(timeoutMs = 10_000) {
      if (!(await waitForEvent(timeoutMs))) throw new Error(`no event within ${timeoutMs} ms`);
      return events.shift()!;
    },
    async quietFor(ms) {
      return !(await waitForEvent(ms));
    },
    close: () => controller.abort(),
  };
}

function parseEvent(block: string): SseEvent {
  const event: SseEvent = { data: '' };
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') event.id = value;
    else if (field === 'event') event.event = value;
    else if (field === 'data') event.data += value;
  }
  return event;
}

/** The `json` of a superjson-serialised SSE data line. */
export function eventData<T>(event: SseEvent): T {
  return (JSON.parse(event.data) as { json: T }).json;
}
