import { ConfigurationError, readAuthConfig } from './kit/auth-config';
import { DEFAULT_DATABASE_URL } from './db/libsql';
import { startServer } from './start-server';

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigurationError(`PORT must be a port number, got "${value}"`);
  return port;
}

async function main() {
  const config = readAuthConfig(process.env);
  const server = await startServer(config, {
    port: readPort(process.env.PORT),
    // Loopback by default; set HOST=0.0.0.0 in a container or behind a reverse proxy.
    hostname: process.env.HOST || '127.0.0.1',
    maxBodyBytes: Number(process.env.MAX_BODY_BYTES) || undefined,
    // A file in backend/data/ by default; a libSQL server or Turso URL in production.
    databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    databaseAuthToken: process.env.DATABASE_AUTH_TOKEN || undefined,
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
  if (error instanceof ConfigurationError) {
    console.error(`Backend not started: ${error.message}`);
    console.error(
      'Locally, settings go in backend/.env (cp backend/.env.example backend/.env); in production, in the environment.',
    );
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`${(error as Error).message}: set PORT to another port.`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
