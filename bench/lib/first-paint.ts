/**
 * First contentful paint of built renderers in headless Chromium, each app's `out/renderer`
 * (electron-vite build) served from 127.0.0.1 with every other request refused (Clerk
 * unreachable, as offline), a fresh browser context per load. The preload globals the renderers
 * read are stubbed with functions that do nothing, since there is no Electron main behind them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { installEnv } from './app-install.js';
import { table } from './markdown.js';
import { formatBytes, median, medianPairwiseRatio } from './stats.js';

export interface PaintApp {
  label: string;
  dir: string;
  anchor?: boolean;
}

export interface PaintFigures {
  label: string;
  anchor: boolean;
  /** ms from navigation start, one per load; NaN when nothing painted within the wait */
  fcp: number[];
  /** bytes of JavaScript fetched before first contentful paint (median of the loads) */
  firstPaintJs: number;
  /** bytes of every .js file the build wrote for the renderer */
  totalJs: number;
  /** the biggest .js file of the build */
  largestJs: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function serveFolder(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url!, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
    ),
  );
}

function jsFiles(dir: string): number[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.m?js$/.test(e.name))
    .map((e) => statSync(join(e.parentPath, e.name)).size);
}

/**
 * A well-formed publishable key of an instance that does not exist: the renderers take the path of
 * a configured app (shell, then Clerk's code, which cannot reach its host), not the setup screen
 * they show without a key.
 */
export const UNREACHABLE_PUBLISHABLE_KEY = `pk_test_${Buffer.from('clerk.bench.invalid$').toString('base64')}`;

/** `electron-vite build` in the app (main, preload and renderer; the renderer is what is measured). */
function buildRenderer(appDir: string, node: string): string {
  const result = spawnSync(node, [join(appDir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: appDir,
    env: { ...installEnv(node), VITE_CLERK_PUBLISHABLE_KEY: UNREACHABLE_PUBLISHABLE_KEY },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`electron-vite build failed in ${appDir}:\n${result.stdout}${result.stderr}`);
  return join(appDir, 'out', 'renderer');
}

/** Any property is a function returning undefined (never a thenable), so start-up code reading the bridges does not throw. */
const STUB_BRIDGES = `(() => {
  const stub = () => new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : key === 'process' ? { versions: {}, platform: 'linux', env: {} } : stub()),
    apply: () => undefined,
  });
  for (const name of ['electron', 'api', 'appTrpc']) Object.defineProperty(window, name, { value: stub(), configurable: true });
})();`;

/**
 * FCP and the JavaScript fetched before it, read in the page (a string, so the bench's transpiler
 * adds nothing to it); NaN when nothing painted within 10 s.
 */
const READ_PAINT = `new Promise((resolve) => {
  const finish = (fcp) => {
    const js = performance
      .getEntriesByType('resource')
      .filter((e) => /\\.m?js(\\?|$)/.test(e.name) && e.responseEnd <= fcp)
      .reduce((sum, e) => sum + e.decodedBodySize, 0);
    resolve({ fcp, js });
  };
  new PerformanceObserver((list) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (entry) finish(entry.startTime);
  }).observe({ type: 'paint', buffered: true });
  setTimeout(() => resolve({ fcp: NaN, js: NaN }), 10000);
})`;

export async function measureFirstPaint(
  apps: readonly PaintApp[],
  options: { node: string; runs: number },
): Promise<PaintFigures[]> {
  const served = await Promise.all(
    apps.map(async (app) => {
      console.error(`building the renderer of ${app.label}`);
      const root = buildRenderer(app.dir, options.node);
      return { app, root, ...(await serveFolder(root)) };
    }),
  );
  const browser = await chromium.launch({ executablePath: process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium', headless: true });
  const figures: PaintFigures[] = served.map(({ app, root }) => {
    const sizes = jsFiles(root);
    return {
      label: app.label,
      anchor: Boolean(app.anchor),
      fcp: [],
      firstPaintJs: NaN,
      totalJs: sizes.reduce((a, b) => a + b, 0),
      largestJs: Math.max(0, ...sizes),
    };
  });
  const firstPaintJs: number[][] = apps.map(() => []);
  try {
    // Interleaved: one load of each app per round; the first round warms up and is not counted.
    for (let run = -1; run < options.runs; run++) {
      for (const [i, { url }] of served.entries()) {
        const context = await browser.newContext();
        await context.route('**/*', (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
        await context.addInitScript(STUB_BRIDGES);
        const page = await context.newPage();
        await page.goto(`${url}/index.html`, { waitUntil: 'load' });
        const measured = (await page.evaluate(READ_PAINT)) as { fcp: number; js: number };
        await context.close();
        if (run < 0) continue;
        figures[i]!.fcp.push(measured.fcp);
        firstPaintJs[i]!.push(measured.js);
      }
    }
  } finally {
    await browser.close();
    for (const { server } of served) server.close();
  }
  for (const [i, f] of figures.entries()) {
    const painted = firstPaintJs[i]!.filter((n) => !Number.isNaN(n));
    f.firstPaintJs = painted.length > 0 ? median(painted) : NaN;
  }
  return figures;
}

export function renderFirstPaint(figures: readonly PaintFigures[], goals = { fcp: 1.3, firstPaintJs: 1.5 }): string {
  const anchor = figures.find((f) => f.anchor)!;
  const fcpOf = (f: PaintFigures) => {
    const painted = f.fcp.filter((n) => !Number.isNaN(n));
    return painted.length > 0 ? median(painted) : NaN;
  };
  const verdict = (ratio: number, goal: number) => `**${ratio.toFixed(2)}** (${ratio <= goal ? 'met' : 'not met'})`;
  return [
    '## First paint',
    `Each renderer built with \`electron-vite build\`, \`out/renderer\` served from 127.0.0.1, loaded in headless Chromium ` +
      `(/usr/bin/chromium through playwright-core) ${anchor.fcp.length} times, interleaved, each in a fresh context. Ours are ` +
      'built with a well-formed publishable key (the path of a configured app, not the setup screen) and every request to ' +
      'another origin is refused (Clerk unreachable). The preload globals are stubbed (no Electron main behind the page) ' +
      'and no Content-Security-Policy header is sent (ours is set by main). FCP: median of the loads, its ratio the median of the per-round ratios (after one warm-up round); first-paint JS: ' +
      'JavaScript fetched before FCP (decoded bytes); total JS: every .js file the renderer build wrote. ' +
      `Goals: FCP ≤ ${goals.fcp}× the anchor, first-paint JS ≤ ${goals.firstPaintJs}× the anchor.`,
    table(
      [
        'renderer',
        'FCP (median)',
        'painted',
        'FCP / anchor (per round)',
        'medians’ ratio',
        'first-paint JS',
        '/ anchor',
        'total JS',
        'largest .js file',
      ],
      figures.map((f) => [
        f.label,
        Number.isNaN(fcpOf(f)) ? 'no paint' : `${fcpOf(f).toFixed(0)} ms`,
        `${f.fcp.filter((n) => !Number.isNaN(n)).length} / ${f.fcp.length}`,
        f.anchor ? '—' : verdict(medianPairwiseRatio(f.fcp, anchor.fcp), goals.fcp),
        f.anchor ? '—' : (fcpOf(f) / fcpOf(anchor)).toFixed(2),
        formatBytes(f.firstPaintJs),
        f.anchor ? '—' : verdict(f.firstPaintJs / anchor.firstPaintJs, goals.firstPaintJs),
        formatBytes(f.totalJs),
        formatBytes(f.largestJs),
      ]),
    ),
  ].join('\n\n');
}
