/**
 * Signing in or out in another window of the app reaches this one: main says who is signed in now,
 * and a page showing someone else reloads (src/renderer/src/lib/session-changes.ts). Render once,
 * inside <ClerkProvider>.
 */
import { useClerk } from '@clerk/electron/react';
import { useEffect } from 'react';

import { followSessionChanges } from '../lib/session-changes';

export function SessionFollower() {
  const clerk = useClerk();
  useEffect(
    () =>
      followSessionChanges(
        window.appTrpc,
        () => (clerk.loaded ? (clerk.user?.id ?? null) : undefined),
        () => window.location.reload(),
      ),
    [clerk],
  );
  return null;
}
