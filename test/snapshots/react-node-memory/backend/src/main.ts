import { ConfigurationError, readAuthConfig } from './auth/config';
import { startServer } from './server';

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError(`PORT must be a port number, got "${value}"`);
  return port;
}

async function main() {
  const config = readAuthConfig(process.env);
  const server = await startServer(config, {
    port: readPort(process.env.PORT),
    // Loopback by default; set HOST=0.0.0.0 in a container or behind a reverse proxy.
    hostname: process.env.HOST || '127.0.0.1',
    maxBodyBytes: Number(process.env.MAX_BODY_BYTES) || undefined,
  });
  console.log(`backend listening on ${server.url} (tRPC at ${server.url}/trpc)`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests...`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`${(error as Error).message}: set PORT to another port.`);
  else console.error(error);
  process.exit(1);
});
