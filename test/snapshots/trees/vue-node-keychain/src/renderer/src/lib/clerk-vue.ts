/**
 * Clerk for Vue, in Electron's native mode.
 *
 * `@clerk/vue`'s `clerkPlugin` has no option to take a Clerk instance: it downloads clerk-js from
 * Clerk's CDN and creates a browser-mode one (cookies, redirects of this window). It does use a
 * `window.Clerk` that is already there, though (as when a page loads the clerk-js script itself),
 * and passes its options on to `window.Clerk.load()`. So we put the native instance of
 * ./clerk-native.ts there first and hand the native load options to the plugin: components and
 * composables of @clerk/vue (`<SignIn />`, `<UserButton />`, `<Show>`, `useAuth()`, …) then work
 * with it. test/renderer/clerk-vue.test.ts fails if a @clerk/vue upgrade stops doing this.
 */
import type { Clerk } from '@clerk/clerk-js';
import { clerkPlugin } from '@clerk/vue';
import { inject, readonly, shallowRef, type App, type InjectionKey, type Ref } from 'vue';

import { createNativeClerk, nativeLoadOptions } from './clerk-native';

export type ClerkStatus = Clerk['status'];

const clerkStatusKey: InjectionKey<Readonly<Ref<ClerkStatus>>> = Symbol('clerk-status');

export function installNativeClerk(
  app: App,
  publishableKey: string,
  clerk: Clerk = createNativeClerk(publishableKey),
  loadOptions: ReturnType<typeof nativeLoadOptions> = nativeLoadOptions(publishableKey),
): Clerk {
  // @clerk/vue types `window.Clerk` as the CDN bundle's instance; the plugin only calls `load()`
  // and `addListener()` on it, which this (npm) build of clerk-js has as well.
  window.Clerk = clerk as unknown as typeof window.Clerk;
  app.use(clerkPlugin, { publishableKey, ...loadOptions });

  // @clerk/vue has no "failed" state; clerk-js reports it as status `error`.
  const status = shallowRef<ClerkStatus>(clerk.status);
  clerk.on('status', (next) => {
    status.value = next;
  });
  app.provide(clerkStatusKey, readonly(status));
  return clerk;
}

/** `loading`, `ready`, `degraded` or `error` (e.g. the Frontend API is unreachable). */
export function useClerkStatus(): Readonly<Ref<ClerkStatus>> {
  const status = inject(clerkStatusKey);
  if (!status) throw new Error('useClerkStatus() needs installNativeClerk() (src/renderer/src/main.ts).');
  return status;
}
