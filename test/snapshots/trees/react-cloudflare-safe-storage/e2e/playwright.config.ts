/** Drives the built app with the `electron` package's binary. Linux without a display: run under `xvfb-run`, as CI does. */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  // One Electron app at a time: they share the user-data folder and the single-instance lock.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]] : 'list',
  outputDir: '../test-results',
  use: { trace: 'retain-on-failure' },
});
