/**
 * Checks on a generated app's `out/` folder (electron-vite build output) that the security claims
 * of the design hold in what actually ships, not only in the sources.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Script } from 'node:vm';

export function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(full));
    else if (entry.isFile()) files.push(full);
  }
  return files.sort();
}

const JS_FILE = /\.(c|m)?js$/;

/** The preload's JavaScript files (source maps excluded). A sandboxed window needs exactly one. */
export function preloadScripts(outDir: string): string[] {
  return listFiles(join(outDir, 'preload')).filter((file) => JS_FILE.test(file));
}

/**
 * A sandboxed preload runs as a classic script with a polyfilled `require` that only knows these
 * modules (Electron docs, "Process Sandboxing"). ESM syntax does not even parse there.
 */
const SANDBOX_REQUIRABLE = new Set(['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

export interface PreloadVerdict {
  parsesAsScript: boolean;
  parseError?: string;
  /** require()d modules a sandboxed preload cannot load */
  unavailableRequires: string[];
  requires: string[];
}

export function judgePreload(code: string): PreloadVerdict {
  let parseError: string | undefined;
  try {
    // Wrapped like CommonJS so top-level `return` is legal; compiling never runs it.
    new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`);
  } catch (error) {
    parseError = (error as Error).message;
  }
  const requires = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1] ?? '');
  return {
    parsesAsScript: parseError === undefined,
    parseError,
    requires: [...new Set(requires)],
    unavailableRequires: [...new Set(requires.filter((name) => !SANDBOX_REQUIRABLE.has(name)))],
  };
}

/** Something shaped like a real Clerk secret key (not just the `sk_test_` prefix in a check). */
const SECRET_KEY = /sk_(?:test|live)_[A-Za-z0-9]{16,}/;
const SECRET_KEY_NAME = /CLERK_SECRET_KEY/;

export interface SecretFinding {
  file: string;
  match: string;
}

export function findSecrets(outDir: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const file of listFiles(outDir)) {
    if (statSync(file).size > 50 * 1024 * 1024) continue;
    const text = readFileSync(file).toString('latin1');
    for (const pattern of [SECRET_KEY, SECRET_KEY_NAME]) {
      const match = pattern.exec(text);
      if (match) findings.push({ file: relative(outDir, file), match: match[0] });
    }
  }
  return findings;
}

export interface MainVerdict {
  sandbox: boolean;
  contextIsolation: boolean;
  nodeIntegrationEnabled: boolean;
  webSecurityDisabled: boolean;
  setsCspHeader: boolean;
}

const TRUE = String.raw`(?:true|!0)`;
const FALSE = String.raw`(?:false|!1)`;
const setTo = (key: string, value: string) => new RegExp(String.raw`\b${key}["']?\s*:\s*${value}\b`);

/** What the built main process sets, read from the bundle (electron-vite does not minify main). */
export function judgeMain(mainCode: string): MainVerdict {
  return {
    sandbox: setTo('sandbox', TRUE).test(mainCode),
    contextIsolation: setTo('contextIsolation', TRUE).test(mainCode),
    nodeIntegrationEnabled: setTo('nodeIntegration', TRUE).test(mainCode),
    webSecurityDisabled: setTo('webSecurity', FALSE).test(mainCode),
    setsCspHeader: /["']Content-Security-Policy["']/i.test(mainCode),
  };
}

export function mainCode(outDir: string): string {
  return listFiles(join(outDir, 'main'))
    .filter((file) => JS_FILE.test(file))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}
