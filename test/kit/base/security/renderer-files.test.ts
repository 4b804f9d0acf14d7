import { join, resolve, sep } from 'node:path';

import { describe, expect, it } from 'vitest';

import { contentTypeFor, resolveRendererFile } from '../../src/kit/main/security/policy';

const ROOT = resolve('/srv/app/out/renderer');
const ORIGIN = { scheme: 'my-app', host: 'renderer' };
const serve = (url: string) => resolveRendererFile(ROOT, url, ORIGIN);

describe('resolveRendererFile', () => {
  it('serves files of the built renderer', () => {
    expect(serve('my-app://renderer/index.html')).toBe(join(ROOT, 'index.html'));
    expect(serve('my-app://renderer/assets/index-Cq1.js')).toBe(join(ROOT, 'assets', 'index-Cq1.js'));
    expect(serve('my-app://renderer/assets/logo%20big.svg')).toBe(join(ROOT, 'assets', 'logo big.svg'));
  });

  it('serves index.html for the root and for client-side routes', () => {
    for (const url of [
      'my-app://renderer',
      'my-app://renderer/',
      'my-app://renderer/sign-in',
      'my-app://renderer/sign-in/factor-one/?x=1#y',
    ]) {
      expect(serve(url)).toBe(join(ROOT, 'index.html'));
    }
  });

  it('ignores query strings and fragments', () => {
    expect(serve('my-app://renderer/assets/a.js?v=2#top')).toBe(join(ROOT, 'assets', 'a.js'));
  });

  it.each([
    'my-app://renderer/..%2f..%2fsecrets.json',
    'my-app://renderer/assets/..%2F..%2F..%2Fetc%2Fhosts.txt',
    'my-app://renderer/..%5c..%5cwindows%5cwin.ini',
    'my-app://renderer/%2e%2e%2f%2e%2e%2fmain%2findex.js',
    'my-app://renderer/index.html%00.js',
    'my-app://renderer/%E0%A4%A.js',
  ])('refuses traversal and malformed paths: %s', (url) => {
    expect(serve(url)).toBeNull();
  });

  it.each([
    'my-app://renderer/../../../etc/passwd.txt',
    'my-app://renderer/%2e%2e/%2e%2e/etc/passwd.txt',
    'my-app://renderer/assets/./../../main/index.js',
  ])('never leaves the renderer folder, whatever the URL parser normalised: %s', (url) => {
    const file = serve(url);
    expect(file === null || file.startsWith(ROOT + sep)).toBe(true);
  });

  it.each([
    'my-app://evil/index.html',
    'my-app://renderer.evil.com/index.html',
    'other-app://renderer/index.html',
    'https://renderer/index.html',
    'file:///srv/app/out/renderer/index.html',
    'not a url',
  ])('only answers its own scheme and host: %s', (url) => {
    expect(serve(url)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('serves scripts as JavaScript (Chromium refuses module scripts otherwise)', () => {
    expect(contentTypeFor(join(ROOT, 'assets', 'index.js'))).toMatch(/^text\/javascript/);
    expect(contentTypeFor(join(ROOT, 'INDEX.HTML'))).toMatch(/^text\/html/);
    expect(contentTypeFor(join(ROOT, 'assets', 'font.woff2'))).toBe('font/woff2');
  });

  it('falls back to a type the browser will not execute', () => {
    expect(contentTypeFor(join(ROOT, 'data.bin'))).toBe('application/octet-stream');
  });
});
