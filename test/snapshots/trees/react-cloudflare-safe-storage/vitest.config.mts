import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The electron package only exports the path of its binary; tests fake Electron at the seams.
    alias: { electron: fileURLToPath(new URL('./test/helpers/electron-stub.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // What a test prints (wrangler's start-up, a server's log) shows only when it fails.
    silent: 'passed-only',
    // Bundled by vitest, so its `electron` import gets the alias: the origin guard test registers its handlers on a fake.
    server: { deps: { inline: ['@clerk/electron'] } },
  },
});
