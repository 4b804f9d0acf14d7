/** The shell paints at once; Clerk's code (several MB, ClerkApp.tsx) loads after it. Without a valid key, how to get one. */
import { lazy, Suspense, type ReactNode } from 'react';

import { parsePublishableKey } from '../../kit/shared/publishable-key';

const publishableKey = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY?.trim() ?? '';

const ClerkApp = lazy(async () => {
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))); // the first paint is done
  return { default: (await import('./ClerkApp')).ClerkApp };
});

export function App() {
  if (!parsePublishableKey(publishableKey)) return <SetupScreen missing={!publishableKey} />;
  return (
    <Suspense fallback={<Layout />}>
      <ClerkApp publishableKey={publishableKey} />
    </Suspense>
  );
}

function SetupScreen({ missing }: { missing: boolean }) {
  return (
    <main className="setup">
      <div className="card">
        <h1>Connect your Clerk application</h1>
        <p>
          <code>VITE_CLERK_PUBLISHABLE_KEY</code>{' '}
          {missing ? 'is not set.' : 'is not a Clerk publishable key (it starts with pk_test_ or pk_live_).'}
        </p>
        <ol>
          <li>In the Clerk dashboard (dashboard.clerk.com), open your application and enable its Native API.</li>
          <li>Copy its publishable key (API keys) into this project&apos;s .env file, as VITE_CLERK_PUBLISHABLE_KEY=pk_test_…</li>
          <li>Stop the app and start it again: the key is read when the app is built.</li>
        </ol>
        <p className="muted">Only the publishable key belongs in this app: the secret key stays on your backend.</p>
      </div>
    </main>
  );
}

type LayoutProps = Partial<Record<'header' | 'banners' | 'children' | 'footer', ReactNode>>;

/** The page's frame (components/AppLayout.tsx fills it; empty, it is index.html's): free of Clerk's code, so it paints first. */
export function Layout({ header, banners, children, footer }: LayoutProps) {
  return (
    <div className="layout">
      <header className="header">
        <span className="brand">{document.title}</span>
        {header}
      </header>
      {banners}
      <main className="content">{children ?? <p className="muted centered">Connecting to Clerk…</p>}</main>
      <footer className="footer muted">{footer ?? '…'}</footer>
    </div>
  );
}
