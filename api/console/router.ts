// A tiny pushState router: the console has a handful of screens, a library would weigh more than the screens.

/** The console's screens, read from the path below the base. */
export type Route =
  | { name: "inbox" }
  | { name: "pages" }
  | { name: "indicators" }
  | { name: "detail"; reference: string }
  | { name: "tips" }
  | { name: "tip_new" }
  | { name: "tip_anchors" }
  | { name: "tip_editor"; id: string }
  | { name: "reply_templates" }
  | { name: "login" }
  | { name: "not_found" };

/** Where the app is: the path below the base (`/requests/SNU-…`) and its query. */
export interface Place {
  path: string;
  query: URLSearchParams;
  route: Route;
}

/** Reads a path below the base into a route. */
export function matchRoute(path: string): Route {
  const clean = path.replace(/\/+$/, "") || "/";
  if (clean === "/") return { name: "inbox" };
  if (clean === "/pages") return { name: "pages" };
  if (clean === "/indicateurs") return { name: "indicators" };
  if (clean === "/login") return { name: "login" };
  if (clean === "/tips") return { name: "tips" };
  if (clean === "/reponses-types") return { name: "reply_templates" };
  // Fixed words first: tip ids are lowercase words too, so « new » and « anchors » are taken.
  if (clean === "/tips/new") return { name: "tip_new" };
  if (clean === "/tips/anchors") return { name: "tip_anchors" };
  const detail = /^\/requests\/([^/]+)$/.exec(clean);
  const tip = /^\/tips\/([^/]+)$/.exec(clean);
  try {
    if (detail)
      return { name: "detail", reference: decodeURIComponent(detail[1]!) };
    if (tip) return { name: "tip_editor", id: decodeURIComponent(tip[1]!) };
  } catch {
    // A malformed escape (%E0%A4%A) is a wrong address, not a crash.
  }
  return { name: "not_found" };
}

/** Creates the router of a window, for the console mounted under `base` (`/support`). */
export function createRouter(win: Window, base: string) {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  const place = (): Place => {
    const { pathname, search } = win.location;
    const path = pathname.startsWith(base)
      ? pathname.slice(base.length) || "/"
      : "/";
    return {
      path,
      query: new URLSearchParams(search),
      route: matchRoute(path),
    };
  };

  return {
    base,
    place,
    /** The full address of a console path, for `href`s. */
    href: (to: string) => base + to,
    /** The current address below the origin (`/support/…?…`), for `next` after a login. */
    current: () => win.location.pathname + win.location.search,
    /** Goes to a console path; `replace` for redirects that Back should skip. */
    navigate(to: string, options: { replace?: boolean } = {}) {
      const url = base + to;
      if (url === win.location.pathname + win.location.search) return;
      if (options.replace) win.history.replaceState(null, "", url);
      else win.history.pushState(null, "", url);
      notify();
    },
    /** Calls `listener` on every navigation (ours and Back/Forward); returns the cleanup. */
    subscribe(listener: () => void) {
      listeners.add(listener);
      if (listeners.size === 1) win.addEventListener("popstate", notify);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) win.removeEventListener("popstate", notify);
      };
    },
  };
}

export type Router = ReturnType<typeof createRouter>;

/**
 * The console path to return to after logging in. `next` comes from the address bar, so only a path of
 * this console is accepted: `//evil.example` or `https://…` would make the login page an open redirect.
 */
export function parseNext(next: string | null, base: string): string {
  if (!next || !next.startsWith(`${base}/`) || next.startsWith("//"))
    return "/";
  const path = next.slice(base.length);
  if (path.startsWith("//") || path.includes("\\")) return "/";
  return matchRoute(path.split("?")[0]!).name === "login" ? "/" : path;
}
