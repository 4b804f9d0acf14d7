/**
 * Puts the stand-in between a browser context and the internet: every request to the Frontend API
 * host and to Clerk's image CDN is answered by the stand-in through Playwright's request
 * interception. Nothing of this is part of a built app.
 */
import type { BrowserContext, Route } from 'playwright-core';
import { CLERK_IMAGES_HOST, type FapiStandIn } from './stand-in.js';

export async function routeToStandIn(context: BrowserContext, standIn: FapiStandIn): Promise<void> {
  const hosts = new Set([standIn.host, CLERK_IMAGES_HOST]);
  await context.route(
    (url) => url.protocol === 'https:' && hosts.has(url.host),
    async (route: Route) => {
      const request = route.request();
      const response = await standIn.handle({
        method: request.method(),
        url: new URL(request.url()),
        headers: await request.allHeaders(),
        body: request.postData() ?? undefined,
      });
      await route.fulfill({ status: response.status, headers: response.headers, body: response.body });
    },
  );
}
