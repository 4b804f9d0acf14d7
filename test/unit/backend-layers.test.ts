import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend, ProjectOptions } from '../../src/options.js';
import { planProject } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';

const readLayer = readLayersFrom(join(import.meta.dirname, '..', '..', 'templates'));

function plan(backend: Backend, overrides: Partial<ProjectOptions> = {}) {
  const files = planProject(
    {
      projectName: 'demo-app',
      framework: 'react',
      backend,
      tokenStorage: 'memory',
      addons: [],
      packageManager: 'npm',
      scheme: 'demo',
      ...overrides,
    },
    readLayer,
  );
  const manifest = JSON.parse(files.get('package.json')!.toString()) as {
    scripts: Record<string, string>;
    workspaces?: string[];
    devDependencies: Record<string, string>;
  };
  const text = (path: string) => files.get(path)?.toString();
  return { files, manifest, text };
}

describe('backend layers', () => {
  it('--backend none: no backend, no remote client, no dev runner, no mention in main', () => {
    const { files, manifest, text } = plan('none');
    const paths = [...files.keys()];
    expect(paths.filter((path) => /^backend\/|src\/kit\/main\/remote\/|scripts\/dev\.mjs|RemoteCards/.test(path))).toEqual([]);
    expect(manifest.workspaces).toBeUndefined();
    expect(manifest.devDependencies).not.toHaveProperty('concurrently');
    expect(Object.keys(manifest.scripts)).not.toContain('dev:backend');
    for (const path of [
      'src/main/router.ts',
      'src/kit/main/app.ts',
      'src/renderer/src/screens/Home.tsx',
      'src/renderer/src/screens/Notes.tsx',
    ]) {
      expect(text(path), path).not.toMatch(/remote|connectBackend/i);
    }
  });

  it.each(['cloudflare', 'node'] as const)(
    '--backend %s: workspace, shared router and auth, remote client wired in',
    (backend) => {
      const { manifest, text } = plan(backend);
      expect(manifest.workspaces).toEqual(['backend']);
      expect(manifest.scripts).toMatchObject({
        dev: 'node scripts/doctor.mjs --fast && concurrently --kill-others --success first -n backend,app -c blue,magenta "npm run dev:backend" "npm run dev:app"',
        'dev:backend': 'node scripts/doctor.mjs node backend-config && cd backend && npm run dev',
      });
      expect(manifest.scripts.test).toMatch(/&& cd backend && npm run test$/);
      expect(text('backend/src/router.ts')).toContain('export type BackendRouter');
      // The code's default is the packaged renderer only; the dev origin comes from the dev config.
      expect(text('backend/src/kit/auth-config.ts')).toContain("DEFAULT_AUTHORIZED_PARTIES = 'demo://renderer'");
      expect(text('src/main/router.ts')).toContain('export type AppRouter = WithRemote<typeof appRouter>;');
      expect(text('src/kit/main/app.ts')).toContain('forward: { remote: forwardToBackend }');
      expect(text('src/kit/main/app.ts')).toContain('connectBackend({ backendUrl: config.backendUrl })');
      expect(text('test/auth-chain.test.ts')).toBeDefined();
      expect(text('backend/test/notes.test.ts')).toBeDefined();
    },
  );

  it('cloudflare: wrangler.jsonc with schema, a sanitised Worker name and a compatibility date; deploy script', () => {
    const { manifest, text } = plan('cloudflare', { projectName: '@acme/My_App', packageManager: 'pnpm' });
    const wrangler = text('backend/wrangler.jsonc')!;
    expect(wrangler).toContain('"$schema": "./node_modules/wrangler/config-schema.json"');
    expect(wrangler).toContain('"name": "my-app-backend"');
    expect(wrangler).toMatch(/"compatibility_date": "\d{4}-\d{2}-\d{2}"/);
    expect(text('backend/.dev.vars.example')).toContain('CLERK_JWT_KEY=');
    expect(manifest.scripts['deploy:backend']).toBe('cd backend && pnpm run deploy');
  });

  it.each(['cloudflare', 'node'] as const)(
    '--backend %s: one Drizzle schema, committed migrations, per-target database deps',
    (backend) => {
      const { files, text } = plan(backend);
      const root = JSON.parse(text('package.json')!) as { dependencies: Record<string, string> };
      const backendManifest = JSON.parse(text('backend/package.json')!) as {
        dependencies: Record<string, string>;
        devDependencies: Record<string, string>;
        scripts: Record<string, string>;
      };
      // Main's SSE client for backend subscriptions.
      expect(root.dependencies).toHaveProperty('eventsource');
      expect(backendManifest.dependencies).toHaveProperty('drizzle-orm');
      expect(backendManifest.devDependencies).toHaveProperty('drizzle-kit');
      expect(backendManifest.scripts['db:generate']).toBe('drizzle-kit generate');
      // D1 needs no client library; Node talks to libSQL.
      expect(Object.keys(backendManifest.dependencies).includes('@libsql/client')).toBe(backend === 'node');
      expect(text('backend/src/db/schema.ts')).toContain("sqliteTable(\n  'notes'");
      const journal = JSON.parse(text('backend/drizzle/meta/_journal.json')!) as { entries: Array<{ tag: string }> };
      for (const { tag } of journal.entries) expect(files.has(`backend/drizzle/${tag}.sql`), tag).toBe(true);
    },
  );

  it('cloudflare: D1 binding with the migrations folder, a Durable Object per user, migrations before dev and deploy', () => {
    const { text } = plan('cloudflare', { projectName: 'demo-app' });
    const wrangler = text('backend/wrangler.jsonc')!;
    expect(wrangler).toContain('"binding": "DB"');
    expect(wrangler).toContain('"migrations_dir": "drizzle"');
    expect(wrangler).toContain('"class_name": "NotesLive"');
    expect(text('backend/src/worker.ts')).toContain('export { NotesLive }');
    expect(text('backend/scripts/wrangler-dev.mjs')).toContain("'d1', 'migrations', 'apply', 'DB', '--local'");
    expect(JSON.parse(text('backend/package.json')!).scripts.deploy).toBe(
      'wrangler d1 migrations apply DB --remote && wrangler deploy',
    );
  });

  it('node: build and start scripts, .env.example', () => {
    const { manifest, text } = plan('node');
    expect(manifest.scripts).toMatchObject({
      'build:backend': 'cd backend && npm run build',
      'start:backend': 'cd backend && npm run start',
    });
    expect(text('backend/.env.example')).toContain('CLERK_JWT_KEY=');
    expect(JSON.parse(text('backend/package.json')!).scripts.start).toContain('dist/main.js');
  });
});
