/**
 * The renderer's tRPC client: every call goes over IPC to main with the current Clerk session token
 * (see src/kit/ipc/renderer/link.ts). Components use it through TanStack Query:
 *
 *   const trpc = useTRPC();
 *   const info = useQuery(trpc.app.info.queryOptions());              // query
 *   const rename = useMutation(trpc.todo.rename.mutationOptions());   // mutation
 *   const clock = useSubscription(trpc.clock.subscriptionOptions());  // subscription
 */
import { useAuth, useClerk } from '@clerk/electron/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import superjson from 'superjson';

import type { AppRouter } from '../../main/router';
import { ipcLink } from '../ipc/renderer/link';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

type ClerkInstance = ReturnType<typeof useClerk>;

/**
 * The token of the session that is current when the call is made, or null when signed out or
 * while Clerk is still loading (public procedures then run at once instead of waiting).
 * clerk-js caches the short-lived token and refreshes it before it expires.
 */
async function currentSessionToken(clerk: ClerkInstance): Promise<string | null> {
  if (!clerk.loaded || !clerk.session) return null;
  return (await clerk.session.getToken()) ?? null;
}

/** Cached results belong to one session and organization: refetch everything when either changes. */
function useResetOnSessionChange(queryClient: QueryClient): void {
  const { sessionId, orgId, isLoaded } = useAuth();
  /** The session and organization the cache was filled with; undefined until Clerk has loaded. */
  const cachedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!isLoaded) return;
    const current = `${sessionId ?? ''}/${orgId ?? ''}`;
    if (cachedFor.current !== undefined && cachedFor.current !== current) void queryClient.resetQueries();
    cachedFor.current = current;
  }, [isLoaded, sessionId, orgId, queryClient]);
}

export function TrpcProvider({ children }: { children: ReactNode }) {
  // The Clerk instance is stable; reading `clerk.session` at call time always gives the current
  // session, so the client (and its IPC listener) is created once for the life of the page.
  const clerk = useClerk();
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // Calls to main do not get lost on the way: retry only where a procedure really needs it.
        defaultOptions: { queries: { retry: false } },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [ipcLink<AppRouter>({ transformer: superjson, getToken: () => currentSessionToken(clerk) })],
    }),
  );
  useResetOnSessionChange(queryClient);

  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
