/**
 * A fixed address in front of a test backend: refuses connections (nothing listens) while the
 * backend is down, and forwards to wherever it was started again. Tests stop and restart the real
 * backend behind it, as a network that goes away and comes back, while main keeps one BACKEND_URL.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Switchboard {
  url: string;
  up(backendUrl: string): Promise<void>;
  down(): Promise<void>;
}

export async function createSwitchboard(): Promise<Switchboard> {
  let target: URL | null = null;
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));

  return {
    url: `http://127.0.0.1:${port}`,
    async up(backendUrl: string) {
      target = new URL(backendUrl);
      server = createServer((client) => {
        const upstream = connect(Number(target!.port), target!.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async down() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      server = null;
    },
  };
}
