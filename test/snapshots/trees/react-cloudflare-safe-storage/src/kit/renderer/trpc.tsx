/**
 * The renderer's tRPC client: every call goes over IPC to main with the current Clerk session token (../ipc/renderer/link.ts).
 * Components use it through TanStack Query: `useQuery(useTRPC().app.info.queryOptions())`, `mutationOptions()`, ….
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

export function TrpcProvider({ children }: { children: ReactNode }) {
  // The Clerk instance is stable and `clerk.session` is read at call time: one client for the page's life.
  const clerk = useClerk();
  // Calls to main do not get lost on the way: retry only where a procedure really needs it.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        ipcLink<AppRouter>({
          transformer: superjson,
          // Null while signed out or loading (public procedures then run at once). clerk-js caches and refreshes the token.
          getToken: async () => (clerk.loaded && clerk.session ? ((await clerk.session.getToken()) ?? null) : null),
        }),
      ],
    }),
  );

  // Cached results belong to one session and organization: refetch everything when either changes.
  const { sessionId, orgId, isLoaded } = useAuth();
  const cachedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!isLoaded) return;
    const current = `${sessionId ?? ''}/${orgId ?? ''}`;
    if (cachedFor.current !== undefined && cachedFor.current !== current) void queryClient.resetQueries();
    cachedFor.current = current;
  }, [isLoaded, sessionId, orgId, queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
