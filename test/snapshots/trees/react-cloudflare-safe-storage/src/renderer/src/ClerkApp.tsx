/** Everything that needs Clerk: sign-in, the tRPC client and the screens (routes.tsx). App.tsx loads it after the first paint. */
import { ClerkProvider, useClerk } from '@clerk/electron/react';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router';

import { followSessionChanges } from '../../kit/ipc/renderer/link';
import { CLERK_UI_VERSION, pageConnection } from '../../kit/renderer/connection-watcher';
import { TrpcProvider } from '../../kit/renderer/trpc';
import { router } from './routes';

// Clerk's UI at the exact version this build was tested with. The prop is internal to Clerk's SDKs.
const pinnedClerkUI = { __internal_clerkUIVersion: CLERK_UI_VERSION } as object;

export function ClerkApp({ publishableKey }: { publishableKey: string }) {
  return (
    <ClerkProvider publishableKey={publishableKey} {...pinnedClerkUI}>
      <TrpcProvider>
        <PageWiring />
        <RouterProvider router={router} />
      </TrpcProvider>
    </ClerkProvider>
  );
}

/** Tells the connection watcher when Clerk has loaded or failed; follows sign-ins and -outs made in other windows. */
function PageWiring() {
  const clerk = useClerk();
  useEffect(() => {
    const report = (): void => {
      if (clerk.loaded) pageConnection().watcher.loaded();
      else if (clerk.status === 'error') pageConnection().watcher.failed('Clerk could not load.');
    };
    report();
    return clerk.addListener?.(report);
  }, [clerk]);
  useEffect(() => followSessionChanges(clerk), [clerk]);
  useEffect(() => {
    if (clerk.loaded) pageConnection().watcher.loaded();
  });
  return null;
}
