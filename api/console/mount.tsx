import { render } from "preact";
import { createConsoleApi } from "./client/api-client.ts";
import { App } from "./app.tsx";
import { createRouter } from "./router.ts";

/** The console's address below the origin; the server serves the app for every path under it. */
export const CONSOLE_BASE = "/support";

export interface ConsoleDeps {
  win: Window;
  /** Defaults to the window's own fetch (tests pass the one msw intercepts). */
  fetch?: typeof fetch;
  now?: () => Date;
}

/** Renders the console into `root`, wired to the window's address bar and API; returns the cleanup. */
export function mountConsole(root: HTMLElement, deps: ConsoleDeps): () => void {
  const { win } = deps;
  const router = createRouter(win, CONSOLE_BASE);
  const api = createConsoleApi({
    fetch: deps.fetch ?? win.fetch.bind(win),
    baseUrl: `${win.location.origin}${CONSOLE_BASE}/api`,
    // Any 401 means the session is gone: log in again, then come back here.
    onUnauthorized: () => {
      if (router.place().route.name === "login") return;
      router.navigate(`/login?next=${encodeURIComponent(router.current())}`, {
        replace: true,
      });
    },
  });
  let storage: Storage | undefined;
  try {
    storage = win.localStorage;
  } catch {
    // Storage can be blocked by policy: shortcuts then simply stay on.
  }
  render(
    <App
      api={api}
      router={router}
      now={deps.now ?? (() => new Date())}
      storage={storage}
    />,
    root,
  );
  return () => render(null, root);
}
