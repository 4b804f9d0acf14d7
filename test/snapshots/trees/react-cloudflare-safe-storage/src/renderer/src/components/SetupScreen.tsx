/** Shown instead of the app when VITE_CLERK_PUBLISHABLE_KEY is missing or is not a publishable key. */
export function SetupScreen({ problem }: { problem: 'missing' | 'malformed' }) {
  return (
    <main className="setup">
      <div className="card">
        <h1>Connect your Clerk application</h1>
        <p>
          {problem === 'missing' ? (
            <>
              <code>VITE_CLERK_PUBLISHABLE_KEY</code> is not set.
            </>
          ) : (
            <>
              <code>VITE_CLERK_PUBLISHABLE_KEY</code> is set, but it is not a Clerk publishable key (it should start with{' '}
              <code>pk_test_</code> or <code>pk_live_</code>).
            </>
          )}
        </p>
        <ol>
          <li>In the Clerk dashboard (dashboard.clerk.com), open your application, or create one.</li>
          <li>
            Under <strong>Native applications</strong>, enable the <strong>Native API</strong>.
          </li>
          <li>
            Under <strong>API keys</strong>, copy the <strong>publishable key</strong> into the <code>.env</code> file at the root
            of this project:
            <pre>VITE_CLERK_PUBLISHABLE_KEY=pk_test_…</pre>
          </li>
          <li>Stop the app and start it again: the key is read when the app is built.</li>
        </ol>
        <p className="muted">Only the publishable key belongs in this app: the secret key stays on your backend.</p>
      </div>
    </main>
  );
}
