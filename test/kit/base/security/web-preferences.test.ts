import { describe, expect, it } from 'vitest';

import { secureWebPreferences } from '../../src/kit/main/windows';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes web content, with no Node.js and web security on', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.js', { devTools: false });
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
      devTools: false,
    });
  });

  it('enables DevTools only when asked (development, or a build made with ENABLE_DEVTOOLS=true)', () => {
    expect(secureWebPreferences('/p.js', { devTools: true }).devTools).toBe(true);
  });
});
