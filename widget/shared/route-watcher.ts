type HistoryMethod = "pushState" | "replaceState";

/**
 * Calls `onChange` after each in-app navigation: pushState/replaceState (wrapped, since browsers fire no
 * event for them), back/forward (popstate) and hash changes. No polling; the host's own handlers and
 * properties are left as they are (listeners are added, `onpopstate` is never assigned). Returns the cleanup.
 */
export function watchRoute(win: Window, onChange: () => void): () => void {
  const history = win.history;
  // Another script may wrap pushState after us and keep calling our wrapper after the cleanup (which
  // then cannot restore the original): once stopped, the wrapper only passes calls through.
  let active = true;
  const notify = () => {
    if (active) queueMicrotask(() => active && onChange());
  };
  const restores: (() => void)[] = [];

  for (const method of ["pushState", "replaceState"] as const) {
    const original = history[method];
    const wrapped = function (
      this: History,
      ...args: Parameters<History[HistoryMethod]>
    ) {
      const result = original.apply(this, args);
      notify();
      return result;
    };
    history[method] = wrapped;
    // Restore only if nobody wrapped it after us, so another script's wrapper is never undone.
    restores.push(() => {
      if (history[method] === wrapped) history[method] = original;
    });
  }
  win.addEventListener("popstate", notify);
  win.addEventListener("hashchange", notify);

  return () => {
    active = false;
    win.removeEventListener("popstate", notify);
    win.removeEventListener("hashchange", notify);
    restores.forEach((restore) => restore());
  };
}
