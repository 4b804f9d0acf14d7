/**
 * Request limits shared by the Worker and the Node server, so that one oversized or overlong
 * request cannot make the backend read, parse or run more than a normal client ever sends.
 */

/** Largest accepted request body, in bytes. tRPC inputs of this app are small JSON documents. */
export const MAX_BODY_BYTES = 100 * 1024;

/**
 * Most calls in one tRPC batch. Main's client batches a window's concurrent calls; more than this
 * at once is not a real app (tRPC answers 400 past it).
 */
export const MAX_BATCH_SIZE = 20;

export function payloadTooLarge(maxBytes: number = MAX_BODY_BYTES): Response {
  return Response.json({ error: `Payload too large: at most ${maxBytes} bytes` }, { status: 413 });
}

/**
 * The request with its body read into memory, or a 413 response when the body is larger than
 * `maxBytes`. A declared Content-Length over the limit is refused before any byte is read; a body
 * without one (chunked) is read only up to the limit, then the stream is cancelled.
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
