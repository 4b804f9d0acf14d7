/**
 * Entry point of the renderer. Without a valid publishable key there is nothing to sign in with:
 * we explain how to get one instead of starting Clerk. Otherwise the app's frame paints at once and
 * Clerk's code follows (lib/clerk-after-paint.ts).
 */
import { createApp } from 'vue';

import App from './App.vue';
import SetupScreen from './components/SetupScreen.vue';
import { provideTrpc } from '../../kit/renderer/trpc-composables';
import { loadClerk, loadedClerk } from '../../kit/renderer/clerk-after-paint';
import { configuredPublishableKey, publishableKeyProblem } from '../../kit/renderer/publishable-key';
import { createTrpcClient } from '../../kit/renderer/trpc';
import { router } from './router';
import './styles.css';

const publishableKey = configuredPublishableKey();
const problem = publishableKeyProblem(publishableKey);

if (problem) {
  createApp(SetupScreen, { problem }).mount('#app');
} else {
  const app = createApp(App).use(router);
  provideTrpc(app, createTrpcClient(loadedClerk));
  app.mount('#app');
  loadClerk(app, publishableKey);
}
