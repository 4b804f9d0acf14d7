/** The page's connection state (src/renderer/src/lib/page-connection.ts) as a Vue ref. */
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue';

import type { ConnectionState } from '../lib/connection-watcher';
import { pageConnection } from '../lib/page-connection';

export function useConnection(): ShallowRef<ConnectionState> {
  const connection = pageConnection();
  const state = shallowRef(connection.get());
  onScopeDispose(connection.subscribe(() => (state.value = connection.get())));
  return state;
}
