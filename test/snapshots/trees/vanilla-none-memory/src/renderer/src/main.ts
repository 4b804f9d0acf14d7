/**
 * Entry point of the renderer. Without a valid publishable key there is nothing to sign in with:
 * we explain how to get one instead of starting Clerk.
 */
import { startApp } from './app';
import { configuredPublishableKey, publishableKeyProblem } from './lib/publishable-key';
import { setupScreen } from './views/setup-screen';
import './styles.css';

const root = document.getElementById('app')!;
const publishableKey = configuredPublishableKey();
const problem = publishableKeyProblem(publishableKey);

if (problem) root.replaceChildren(setupScreen(problem));
else startApp(root, publishableKey);
