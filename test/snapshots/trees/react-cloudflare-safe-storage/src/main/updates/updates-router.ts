/**
 * Auto-update for the renderer: every window subscribes to `updates.status` and shows "update
 * ready, restart" when a download is ready; `updates.check` asks now, `updates.install` restarts
 * into the update. Public: updating the app does not depend on who is signed in.
 */
import { publicProcedure, router } from '../trpc/init';
import { updateService, watchUpdates } from './updates';

export const updatesRouter = router({
  /** The current status, then every change (no polling: main pushes changes as they happen). */
  status: publicProcedure.subscription(async function* ({ signal }) {
    yield* watchUpdates(signal);
  }),
  check: publicProcedure.mutation(() => updateService().check()),
  install: publicProcedure.mutation(() => updateService().install()),
});
