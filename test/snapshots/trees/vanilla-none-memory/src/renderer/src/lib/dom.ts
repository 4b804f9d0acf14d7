/**
 * A tiny helper to build DOM without a UI framework. Text always goes in as text nodes (never
 * `innerHTML`), so data from main or Clerk can never inject markup.
 */
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** A piece of UI with something to stop when it goes away (a subscription, a mounted Clerk component). */
export interface View {
  element: HTMLElement;
  dispose(): void;
}

/** A view with nothing to clean up. */
export function staticView(element: HTMLElement): View {
  return { element, dispose: () => {} };
}
