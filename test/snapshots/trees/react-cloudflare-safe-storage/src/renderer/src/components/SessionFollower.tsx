/**
 * Signing in or out or switching organization in another window of the app reaches this one: main
 * says who is signed in now, in which organization, and a page showing another reloads (src/kit/renderer/session-changes.ts). Render once,
 * inside <ClerkProvider>.
 */
import { useClerk } from '@clerk/electron/react';
import { useEffect } from 'react';

import { followSessionChanges } from '../../../kit/renderer/session-changes';

export function SessionFollower() {
  const clerk = useClerk();
  useEffect(
    () =>
      followSessionChanges(
        window.appTrpc,
        () => (clerk.loaded ? { userId: clerk.user?.id ?? null, orgId: clerk.organization?.id ?? null } : undefined),
        () => window.location.reload(),
      ),
    [clerk],
  );
  return null;
}
