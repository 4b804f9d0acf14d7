import { describe, expect, it } from 'vitest';

import { secureWebPreferences } from '../../src/main/window';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes web content, with no Node.js and web security on', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.js');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
