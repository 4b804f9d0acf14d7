/**
 * The page paints its shell at once; Clerk's code (several MB) loads after the first paint, as a
 * chunk of its own (ClerkApp.tsx). Without a valid publishable key there is nothing to sign in
 * with: we explain how to get one.
 */
import { lazy, Suspense } from 'react';

import { parsePublishableKey } from '../../kit/shared/publishable-key';
import { Layout } from './components/Layout';
import { SetupScreen } from './components/SetupScreen';

const publishableKey = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY?.trim() ?? '';

/** Resolves after the browser has painted what is on screen now (the next frame, then a task). */
const afterFirstPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
const ClerkApp = lazy(() =>
  afterFirstPaint()
    .then(() => import('./ClerkApp'))
    .then((module) => ({ default: module.ClerkApp })),
);

export function App() {
  if (!parsePublishableKey(publishableKey)) {
    return <SetupScreen problem={publishableKey ? 'malformed' : 'missing'} />;
  }
  return (
    <Suspense
      fallback={
        <Layout>
          <p className="muted centered">Connecting to Clerk…</p>
        </Layout>
      }
    >
      <ClerkApp publishableKey={publishableKey} />
    </Suspense>
  );
}
