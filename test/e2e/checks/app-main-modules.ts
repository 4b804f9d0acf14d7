/**
 * Loads the generated app's REAL main-process modules (IPC handler, router, context, verifier, CSP,
 * renderer file resolver) into this Node process: esbuild bundles them from the app's sources with
 * the app's own node_modules, as one CommonJS file, and we require() it. Only the Electron glue is
 * left out; the renderer check plays Electron's part.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The module paths are the generated-app contract of docs/ARCHITECTURE.md. */
const MODULES = {
  handler: 'src/kit/ipc/main/handler',
  router: 'src/main/router',
  context: 'src/kit/main/trpc/init',
  verifier: 'src/kit/main/auth/verify-session',
  publishableKey: 'src/kit/shared/publishable-key',
  csp: 'src/kit/main/security/policy',
  rendererFiles: 'src/kit/main/security/policy',
  protocol: 'src/kit/ipc/protocol',
} as const;

interface FrameLike {
  readonly origin: string;
  send(channel: string, message: unknown): void;
}

export interface AppMainModules {
  handler: {
    registerTrpcIpc(options: {
      router: unknown;
      createContext: (call: unknown) => unknown;
      allowedOrigins: readonly string[];
      verifier: unknown;
      onError?: (info: { error: Error; path: string | undefined }) => void;
    }): {
      receive(event: { sender: { id: number }; senderFrame: FrameLike | null }, message: unknown): void;
      dispose(): void;
    };
  };
  router: { appRouter: unknown };
  context: { createContextFactory(deps: { app: { name: string; version: string } }): (call: unknown) => unknown };
  verifier: { createSessionVerifier(options: { publishableKey?: string; jwtKey?: string }): unknown };
  publishableKey: { frontendApiHostFromPublishableKey(key: string): string };
  csp: { buildContentSecurityPolicy(options: { frontendApiHost: string | null; devServerOrigin?: string | null }): string };
  rendererFiles: {
    resolveRendererFile(rootDir: string, requestUrl: string, origin: { scheme: string; host: string }): string | null;
    contentTypeFor(file: string): string;
  };
  protocol: { IPC_BRIDGE_GLOBAL: string; IPC_RESPONSE_CHANNEL: string; IPC_REQUEST_CHANNEL: string };
}

export async function loadAppMainModules(appDir: string, workDir: string): Promise<AppMainModules> {
  const entry = join(workDir, 'app-main-entry.ts');
  const outfile = join(workDir, 'app-main-bundle.cjs');
  writeFileSync(
    entry,
    Object.entries(MODULES)
      .map(([name, path]) => `export * as ${name} from ${JSON.stringify(join(appDir, path))};`)
      .join('\n'),
  );
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // These modules must not need Electron; if one does, bundling fails here and says which.
    logLevel: 'silent',
    absWorkingDir: appDir,
  });
  return createRequire(import.meta.url)(outfile) as AppMainModules;
}
