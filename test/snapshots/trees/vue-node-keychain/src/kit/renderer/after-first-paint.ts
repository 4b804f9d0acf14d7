/**
 * Runs `task` once the page has drawn its first frame, so that a large script (Clerk's code) does
 * not hold back that first paint. A hidden page draws no frames: there it runs at once.
 */
export function afterFirstPaint(task: () => void, page: Pick<Document, 'visibilityState'> = document): void {
  if (page.visibilityState === 'hidden') task();
  else requestAnimationFrame(() => setTimeout(task, 0));
}
