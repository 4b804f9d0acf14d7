/**
 * How each backend procedure behaves while the backend cannot be reached, by its path in
 * backend/src/router.ts. A query marked `'last-good'` answers with the user's last good result
 * (the UI says it is stale); a mutation marked `'queue'` waits in main and is sent once the backend
 * is back, answering `{ queued: true, id }` meanwhile (only where running the change later is still
 * right: adding a note, not paying). Anything unlisted fails fast with SERVICE_UNAVAILABLE.
 */
import { declareOfflinePolicy } from '../kit/main/remote/offline';

export const offlinePolicy = declareOfflinePolicy({
  health: 'last-good',
  me: 'last-good',
  'notes.list': 'last-good',
  'notes.add': 'queue',
});
