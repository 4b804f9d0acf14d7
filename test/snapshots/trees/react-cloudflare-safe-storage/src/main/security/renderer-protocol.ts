/**
 * Serves the built renderer from `<scheme>://renderer/`, never from file://.
 *
 * A custom, privileged origin (registered by @clerk/electron's createClerkBridge, which must run
 * before the app is ready) gives the renderer a stable origin for Clerk's allowed origins and for
 * main's IPC sender checks, keeps file:// privileges away from web content, and lets us attach the
 * Content-Security-Policy to every response.
 */
import { pathToFileURL } from 'node:url';

import { net, protocol } from 'electron';

import { contentTypeFor, resolveRendererFile, type RendererOrigin } from './renderer-files';

export interface RendererProtocolOptions extends RendererOrigin {
  /** Folder of the built renderer (out/renderer). */
  rootDir: string;
  /** Sent as the Content-Security-Policy header of every response. */
  contentSecurityPolicy: string;
}

/** Call once the app is ready. Returns a function that unregisters the handler. */
export function registerRendererProtocol(options: RendererProtocolOptions): () => void {
  protocol.handle(options.scheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    const file = resolveRendererFile(options.rootDir, request.url, options);
    if (file === null) return new Response('Not found', { status: 404 });

    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Type', contentTypeFor(file));
    headers.set('Content-Security-Policy', options.contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
  return () => protocol.unhandle(options.scheme);
}
