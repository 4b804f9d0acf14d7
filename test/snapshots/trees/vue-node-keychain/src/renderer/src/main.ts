/**
 * Entry point of the renderer. Without a valid publishable key there is nothing to sign in with:
 * we explain how to get one instead of starting Clerk.
 */
import { createApp } from 'vue';

import App from './App.vue';
import SetupScreen from './components/SetupScreen.vue';
import { provideTrpc } from './composables/trpc';
import { installNativeClerk } from './lib/clerk-vue';
import { createNativeClerk, nativeLoadOptions } from './lib/clerk-native';
import { wirePage } from './lib/page-wiring';
import { configuredPublishableKey, publishableKeyProblem } from './lib/publishable-key';
import { createTrpcClient } from './lib/trpc';
import './styles.css';

const publishableKey = configuredPublishableKey();
const problem = publishableKeyProblem(publishableKey);

if (problem) {
  createApp(SetupScreen, { problem }).mount('#app');
} else {
  const app = createApp(App);
  const loadOptions = nativeLoadOptions(publishableKey);
  const clerk = installNativeClerk(app, publishableKey, createNativeClerk(publishableKey), loadOptions);
  wirePage(clerk, loadOptions.ui.ClerkUI); // offline state instead of an endless spinner; sign-in/out from other windows
  provideTrpc(app, createTrpcClient(clerk));
  app.mount('#app');
}
