// Types of preflight-checks.mjs (plain JavaScript, so that it runs on any Node version) for the tests.

export interface Problem {
  what: string;
  fix: string;
}

export interface PreflightFs {
  /** The file's text, or null when it does not exist */
  read(path: string): string | null;
  exists(path: string): boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

export const MIN_NODE: readonly [number, number];
export function parseDotenv(text: string): Record<string, string>;
export function checkNodeVersion(version: string): Problem | null;
export function checkElectronBinary(input: {
  electronDir: string | null;
  env: Env;
  fs: PreflightFs;
  install: string;
}): Problem | null;
export function checkPublishableKey(input: { env: Env; fs: PreflightFs }): Problem | null;
export const BACKEND_CONFIG: Record<
  'cloudflare' | 'node',
  { files: string[]; example: string; readsEnvironment(env: Env): boolean }
>;
export function checkBackendConfig(input: { target: string; dir: string; env: Env; fs: PreflightFs }): Problem | null;
export function formatReport(problems: readonly Problem[]): string;
