/**
 * Entry point of the renderer. Without a valid publishable key there is nothing to sign in with:
 * we explain how to get one instead of starting Clerk.
 */
import { createApp } from 'vue';

import App from './App.vue';
import SetupScreen from './components/SetupScreen.vue';
import { provideTrpc } from './composables/trpc';
import { installNativeClerk } from './lib/clerk-vue';
import { configuredPublishableKey, publishableKeyProblem } from './lib/publishable-key';
import { createTrpcClient } from './lib/trpc';
import './styles.css';

const publishableKey = configuredPublishableKey();
const problem = publishableKeyProblem(publishableKey);

if (problem) {
  createApp(SetupScreen, { problem }).mount('#app');
} else {
  const app = createApp(App);
  const clerk = installNativeClerk(app, publishableKey);
  provideTrpc(app, createTrpcClient(clerk));
  app.mount('#app');
}
