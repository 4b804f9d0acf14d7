import { useQuery } from '@tanstack/react-query';

import { useTRPC } from '../lib/trpc';

/** A public procedure: answers whether or not anyone is signed in. */
export function AppFooter() {
  const trpc = useTRPC();
  const info = useQuery(trpc.app.info.queryOptions());
  return (
    <footer className="footer muted">
      {info.data ? `${info.data.name} ${info.data.version}` : info.isError ? 'Main did not answer' : '…'}
    </footer>
  );
}
