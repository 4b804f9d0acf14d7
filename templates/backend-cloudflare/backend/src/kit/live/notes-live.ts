/**
 * Live updates across Worker isolates: one Durable Object per workspace. Each `notes.changes` stream
 * holds a WebSocket to it, a mutation calls `notify()`, the object tells every socket. Hibernation
 * API: an idle object costs nothing while streams wait.
 */
import { DurableObject } from 'cloudflare:workers';
import type { ChangeSignal } from './change-signal';

export class NotesLive extends DurableObject {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade', { status: 426 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async notify(): Promise<void> {
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send('changed');
      } catch {
        // closing already: its stream has ended
      }
    }
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    try {
      socket.close(code, reason);
    } catch {
      // already closed by the runtime
    }
  }
}

export function createDurableChangeSignal(namespace: DurableObjectNamespace<NotesLive>): ChangeSignal {
  const objectOf = (name: string) => namespace.get(namespace.idFromName(name));
  return {
    async notify(name) {
      await objectOf(name).notify();
    },
    async listen(name, onChange) {
      const response = await objectOf(name).fetch('https://notes-live/listen', { headers: { upgrade: 'websocket' } });
      const socket = response.webSocket;
      if (!socket) throw new Error(`NotesLive answered ${response.status} instead of a WebSocket`);
      socket.accept();
      socket.addEventListener('message', onChange);
      return () => {
        socket.removeEventListener('message', onChange);
        socket.close(1000, 'stream ended');
      };
    },
  };
}
