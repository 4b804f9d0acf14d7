import type { AuthConfig } from './auth/config';
import { authenticateRequest } from './auth/verify-request';
import type { Context } from './trpc';

/** Builds each request's tRPC context; shared by the Worker and the Node server. */
export function createContextFactory(config: AuthConfig) {
  return async ({ req }: { req: Request }): Promise<Context> => ({
    auth: await authenticateRequest(req.headers, config),
  });
}
