/** Plain-HTTP tRPC calls (superjson envelopes), for tests of the real server. */

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
