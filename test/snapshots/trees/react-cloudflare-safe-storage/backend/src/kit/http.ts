// Limits of the Worker and the Node server: a request cannot make them read, parse or run more than
// a normal client sends. tRPC inputs are small JSON documents; main batches a window's concurrent calls.
export const MAX_BODY_BYTES = 100 * 1024;
export const MAX_BATCH_SIZE = 20;

export function payloadTooLarge(maxBytes: number = MAX_BODY_BYTES): Response {
  return Response.json({ error: `Payload too large: at most ${maxBytes} bytes` }, { status: 413 });
}

/**
 * The request with its body read into memory, or a 413 response past `maxBytes`: a declared
 * Content-Length over it before any byte is read, a chunked body as soon as it passes it.
 */
export async function limitRequestBody(request: Request, maxBytes: number = MAX_BODY_BYTES): Promise<Request | Response> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= maxBytes)) return payloadTooLarge(maxBytes);
  if (request.body === null) return request;

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new Request(request, { body });
}
