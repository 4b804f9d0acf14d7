import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { findSecrets, judgeMain, judgePreload, preloadScripts } from './build-output.js';

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function outDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'build-output-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('judgePreload', () => {
  test('accepts a CommonJS bundle that only requires electron', () => {
    const verdict = judgePreload(
      '"use strict";\nconst electron = require("electron");\nelectron.contextBridge.exposeInMainWorld("x", {});',
    );
    expect(verdict).toMatchObject({ parsesAsScript: true, unavailableRequires: [], requires: ['electron'] });
  });

  test('rejects ESM syntax', () => {
    const verdict = judgePreload('import { contextBridge } from "electron";\ncontextBridge.exposeInMainWorld("x", {});');
    expect(verdict.parsesAsScript).toBe(false);
  });

  test('flags modules a sandboxed preload cannot require', () => {
    const verdict = judgePreload(
      'const a = require("electron"); const b = require("@clerk/electron/preload"); const c = require("node:fs");',
    );
    expect(verdict.unavailableRequires).toEqual(['@clerk/electron/preload', 'node:fs']);
  });
});

describe('preloadScripts', () => {
  test('lists JavaScript files but not source maps', () => {
    const dir = outDir({ 'preload/index.js': '', 'preload/index.js.map': '', 'preload/chunk.cjs': '' });
    expect(preloadScripts(dir).map((file) => file.slice(dir.length + 1))).toEqual(['preload/chunk.cjs', 'preload/index.js']);
  });
});

describe('findSecrets', () => {
  test('finds a secret key and the secret key variable name anywhere in out/', () => {
    const dir = outDir({
      'main/index.js': 'const key = "sk_test_' + 'a1B2c3D4e5F6g7H8i9J0k1L2";',
      'renderer/assets/app.js': 'process.env.CLERK_' + 'SECRET_KEY',
    });
    expect(findSecrets(dir)).toEqual([
      { file: 'main/index.js', match: expect.stringMatching(/^sk_test_/) },
      { file: 'renderer/assets/app.js', match: 'CLERK_' + 'SECRET_KEY' },
    ]);
  });

  test('ignores the bare prefix used in key-type checks and publishable keys', () => {
    const dir = outDir({ 'renderer/a.js': 'k.startsWith("sk_test_") || k.startsWith("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k")' });
    expect(findSecrets(dir)).toEqual([]);
  });
});

describe('judgeMain', () => {
  test('reads secure webPreferences and the CSP header from a bundle', () => {
    const code = `new BrowserWindow({ webPreferences: { preload, sandbox: true, contextIsolation: true, nodeIntegration: false } });
      headers["Content-Security-Policy"] = [csp];`;
    expect(judgeMain(code)).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegrationEnabled: false,
      webSecurityDisabled: false,
      setsCspHeader: true,
    });
  });

  test('notices insecure settings, minified or not', () => {
    const verdict = judgeMain('webPreferences:{sandbox:!1,contextIsolation:false,nodeIntegration:!0,webSecurity:!1}');
    expect(verdict).toEqual({
      sandbox: false,
      contextIsolation: false,
      nodeIntegrationEnabled: true,
      webSecurityDisabled: true,
      setsCspHeader: false,
    });
  });
});
