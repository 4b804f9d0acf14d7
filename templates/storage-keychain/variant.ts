import { defineTokenStorage } from '../../src/variants/types.js';

/** The OS credential store through @napi-rs/keyring. README bullet: slots/readmeTokenStorage.hbs. */
export default defineTokenStorage({
  id: 'keychain',
  label: 'keychain',
  hint: 'the OS credential store (macOS Keychain, Windows, libsecret)',
  layer: () => ({
    templateDir: 'storage-keychain',
    // Prebuilt N-API binaries arrive as optional dependencies (@napi-rs/keyring-<platform>):
    // no install script, nothing to rebuild for Electron.
    dependencies: ['@napi-rs/keyring'],
    // A native module: main loads it from node_modules instead of bundling it.
    slots: { mainNativeExternals: '@napi-rs/keyring' },
    features: ['osSecretStore'],
  }),
});
