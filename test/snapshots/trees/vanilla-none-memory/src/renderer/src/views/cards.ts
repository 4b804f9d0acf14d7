/**
 * Cards that show the result of one procedure call. Queries and subscriptions are called the same
 * way on the tRPC client; the IPC link attaches the session token to each of them.
 */
import { h, type Child, type View } from '../lib/dom';

export interface CardTitle {
  name: string;
  tag: string;
  /** Styles the tag as protected (needs a signed-in user). */
  isProtected?: boolean;
}

export function cardHeading({ name, tag, isProtected }: CardTitle): HTMLElement {
  return h('h2', null, name, ' ', h('span', { class: isProtected ? 'tag protected' : 'tag' }, tag));
}

export function loadingText(): HTMLElement {
  return h('p', { class: 'muted' }, 'Loading…');
}

export function errorText(error: unknown): HTMLElement {
  return h('p', { class: 'error-text' }, error instanceof Error ? error.message : String(error));
}

/** A `<dl>` of label/value pairs. */
export function details(rows: ReadonlyArray<readonly [string, Child]>): HTMLElement {
  return h('dl', null, ...rows.flatMap(([label, value]) => [h('dt', null, label), h('dd', null, value)]));
}

/** Runs a query once and shows its result; late answers after `dispose()` are ignored. */
export function queryCard<T>(title: CardTitle, query: (signal: AbortSignal) => Promise<T>, render: (data: T) => Child): View {
  const body = h('div', null, loadingText());
  const controller = new AbortController();
  query(controller.signal).then(
    (data) => {
      if (!controller.signal.aborted) body.replaceChildren(render(data) || '');
    },
    (error: unknown) => {
      if (!controller.signal.aborted) body.replaceChildren(errorText(error));
    },
  );
  return {
    element: h('section', { class: 'card' }, cardHeading(title), body),
    dispose: () => controller.abort(),
  };
}

/** The subscription runs while the card exists: `dispose()` unsubscribes, and main stops its generator. */
export function subscriptionCard<T>(
  title: CardTitle,
  subscribe: (handlers: { onData(data: T): void; onError(error: unknown): void }) => { unsubscribe(): void },
  render: (data: T) => Child,
): View {
  const body = h('div', null, loadingText());
  const subscription = subscribe({
    onData: (data) => body.replaceChildren(render(data) || ''),
    onError: (error) => body.replaceChildren(errorText(error)),
  });
  return {
    element: h('section', { class: 'card' }, cardHeading(title), body),
    dispose: () => subscription.unsubscribe(),
  };
}
