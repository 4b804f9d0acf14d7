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

  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for await (const chunk of request.body as ReadableStream<Uint8Array<ArrayBuffer>>) {
    size += chunk.byteLength;
    // Leaving the loop cancels the rest of the body.
    if (size > maxBytes) return payloadTooLarge(maxBytes);
    chunks.push(chunk);
  }
  return new Request(request, { body: new Blob(chunks) });
}
