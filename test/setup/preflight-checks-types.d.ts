// Types of the checks in templates/base/scripts/lib.mjs (plain JavaScript, so that it runs on any Node version).

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
export function filesUnder(root: string): PreflightFs;
export function parseDotenv(text: string): Record<string, string>;
export function checkNodeVersion(version: string): Problem | null;
export function checkElectronBinary(input: {
  electronDir: string | null;
  env: Env;
  fs: PreflightFs;
  install: string;
}): Problem | null;
export function findPublishableKey(input: { env: Env; fs: PreflightFs }): { key: string; source: string };
export function frontendApiOf(publishableKey: string): string | null;
export function checkPublishableKey(input: { env: Env; fs: PreflightFs; setup?: string }): Problem | null;
export function checkBackendConfig(input: {
  config: { files: string[]; example: string; environmentSwitch?: string };
  dir: string;
  env: Env;
  fs: PreflightFs;
  setup?: string;
}): Problem | null;
export function linuxPasswordStore(env: Env): string;
export function checkSecureStorage(input: { platform: string; env: Env }): Problem | null;
export function checkSchemeRegistered(input: { fs: PreflightFs; scheme: string }): Problem | null;
/** Network checks: a problem, null when fine, or why they could not tell. */
type Checked = Problem | null | { skip: string };
export function checkBackendHealth(input: { fetch: typeof fetch; url: string; start: string }): Promise<Problem | null>;
export function checkFrontendApi(input: {
  fetch: typeof fetch;
  publishableKey: string;
  jwtKey?: string;
  setup?: string;
}): Promise<Checked>;
export function checkAllowedOrigins(input: {
  fetch: typeof fetch;
  apiUrl: string;
  secretKey?: string;
  origins: string[];
  setup?: string;
}): Promise<Checked>;
export function formatReport(problems: readonly Problem[]): string;
