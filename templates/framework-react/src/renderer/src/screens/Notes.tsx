/** Notes are kept by a backend; this app was made without one (`--backend none`). */
export function Notes() {
  return (
    <section className="card" data-screen="notes">
      <h2>Notes</h2>
      <p className="muted">
        This app has no backend, so there is nowhere to keep notes. An app made with <code>--backend cloudflare</code> or{' '}
        <code>--backend node</code> keeps each user&apos;s notes here.
      </p>
    </section>
  );
}
