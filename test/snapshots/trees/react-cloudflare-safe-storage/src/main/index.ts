/**
 * The main process. The kit (src/kit/main/app.ts) does the wiring: security, sign-in, tRPC over
 * IPC, windows, updates. Your procedures live in ./router.ts.
 */
import { startApp } from '../kit/main/app';
import { appRouter } from './router';

startApp({ router: appRouter });
