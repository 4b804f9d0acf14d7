/** The page's connection state (src/kit/renderer/connection-watcher.ts) as a Vue ref. */
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue';

import { pageConnection, type ConnectionState } from './connection-watcher';

export function useConnection(): ShallowRef<ConnectionState> {
  const connection = pageConnection();
  const state = shallowRef(connection.get());
  onScopeDispose(connection.subscribe(() => (state.value = connection.get())));
  return state;
}
