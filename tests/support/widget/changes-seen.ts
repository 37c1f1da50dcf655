import { watchRoute } from "../../../widget/shared/route-watcher.ts";

/**
 * Resolves once every MutationObserver of the page has been called back for the DOM changes made so far.
 * Observers are called back in the order they were created (DOM spec, « notify mutation observers »; happy-dom
 * queues one microtask per observer, in the order of their first record): one created now and told of a
 * change of its own, on a node of its own, is called back after all of them.
 */
export function mutationsSeen(doc: Document = document): Promise<void> {
  return new Promise((resolve) => {
    const node = doc.createElement("div");
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(node, { attributes: true });
    node.setAttribute("data-seen", "");
  });
}

/**
 * Resolves once every route watcher installed on `win` (route-watcher.ts) has been told of the next
 * navigation: one installed now wraps `history` around theirs and listens after them, so it is told last.
 * Call it just before the navigation (it stays installed until then).
 */
export function nextNavigationSeen(win: Window = window): Promise<void> {
  return new Promise((resolve) => {
    const stop = watchRoute(win, () => {
      stop();
      resolve();
    });
  });
}
