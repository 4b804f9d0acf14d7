/** Opens another window of the app through main (`windows.open`, src/main/windows). */
import { useMutation } from '@tanstack/react-query';

import { useTRPC } from '../lib/trpc';

export function WindowsCard() {
  const trpc = useTRPC();
  const open = useMutation(trpc.windows.open.mutationOptions());
  return (
    <section className="card">
      <h2>
        windows.open <span className="tag">public</span>
      </h2>
      <p className="muted">Every window shares your sign-in: sign out in one, and all of them are signed out.</p>
      <button type="button" onClick={() => open.mutate({ route: '/' })} disabled={open.isPending}>
        New window
      </button>
      {open.error && <p className="error-text">{open.error.message}</p>}
    </section>
  );
}
