/**
 * A small History API router for the demo SPAs: pushState + popstate, clicks on same-app links
 * intercepted, no hash routing, no polling. After each navigation it sets `document.title` and moves
 * focus to the page's main heading (RGAA 12.x: the change of page is announced).
 */

export interface RouteMatch {
  /** Path parameters (`/mission/:id` → `{id}`), decoded. */
  params: Record<string, string>;
  /** The full URL being shown (query and hash included). */
  url: URL;
  /** Path below the base path, without trailing slash (`/`, `/mission/64f1…`). */
  path: string;
}

/** What a route renders: the page title and the content of `<main>` (its first `h1` gets focus). */
export interface PageView {
  title: string;
  content: (Node | string)[];
}

export interface Route {
  /** Pattern below the base path: `/`, `/mission/:id`, `/centre/:id/:sessionId/:tab`. */
  path: string;
  render: (match: RouteMatch) => PageView;
}

export interface RouterOptions {
  /** The app's mount path, without trailing slash (`/demo/moncompte`). */
  basePath: string;
  routes: Route[];
  notFound: (match: RouteMatch) => PageView;
  /** Where pages are rendered. */
  outlet: HTMLElement;
  /** Appended to each page title (`Phase 1 — Mon compte SNU`). */
  titleSuffix: string;
  /** Called after each render (navigation highlighting…). */
  onRender?: (match: RouteMatch) => void;
}

export interface Router {
  /** Renders the current URL and starts listening. Returns the cleanup. */
  start(): () => void;
  /** Goes to an app path (`/phase1`, `/mission/…?x=1#y`) or an absolute same-app URL. */
  navigate(to: string, options?: { replace?: boolean }): void;
  /** Renders the current URL again (after a profile change) without moving focus. */
  refresh(): void;
  /** The absolute URL path of an app path: `/phase1` → `/demo/moncompte/phase1`. */
  href(path: string): string;
}

/** Creates the router; nothing happens until `start()`. */
export function createRouter(options: RouterOptions): Router {
  const { basePath, outlet } = options;
  // Path + query of the page on screen, so hash-only changes do not re-render.
  let shownKey = "";

  const href = (path: string) => appHref(basePath, path);

  function appPath(pathname: string): string | undefined {
    const lower = pathname.toLowerCase();
    const base = basePath.toLowerCase();
    if (lower !== base && !lower.startsWith(`${base}/`)) return undefined;
    const rest = pathname.slice(basePath.length).replace(/\/+$/, "");
    return rest === "" ? "/" : rest;
  }

  function resolve(url: URL): { view: PageView; match: RouteMatch } {
    const path = appPath(url.pathname) ?? "/";
    for (const route of options.routes) {
      const params = matchPath(route.path, path);
      if (params) {
        const match = { params, url, path };
        return { view: route.render(match), match };
      }
    }
    const match = { params: {}, url, path };
    return { view: options.notFound(match), match };
  }

  function render(url: URL): void {
    const { view, match } = resolve(url);
    outlet.replaceChildren(...view.content);
    document.title = `${view.title} — ${options.titleSuffix}`;
    shownKey = url.pathname + url.search;
    options.onRender?.(match);
  }

  function afterNavigation(url: URL): void {
    const target = url.hash ? findHashTarget(url.hash) : null;
    if (target) {
      focusElement(target);
      target.scrollIntoView();
      return;
    }
    window.scrollTo(0, 0);
    const heading = outlet.querySelector("h1");
    if (heading) focusElement(heading);
  }

  function navigate(to: string, { replace = false } = {}): void {
    const url = new URL(
      to.startsWith("/") && !to.startsWith(basePath) ? href(to) : to,
      window.location.href,
    );
    const sameView = url.pathname + url.search === shownKey;
    // The DOM and the title are updated before the history entry, so that anything observing
    // pushState (the widget) already sees the new page. `history` is read at call time: the widget may
    // wrap pushState after this module ran.
    if (!sameView) render(url);
    if (replace) window.history.replaceState(null, "", url.href);
    else window.history.pushState(null, "", url.href);
    afterNavigation(url);
  }

  function onClick(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    const anchor =
      event.target instanceof Element ? event.target.closest("a") : null;
    if (
      !anchor ||
      !anchor.hasAttribute("href") ||
      anchor.hasAttribute("download")
    )
      return;
    if (anchor.target && anchor.target !== "_self") return;
    const url = new URL(anchor.href);
    if (
      url.origin !== window.location.origin ||
      appPath(url.pathname) === undefined
    )
      return;
    // In-page anchors (skip link, `#point-de-rassemblement`) keep the browser's behaviour.
    if (url.pathname + url.search === shownKey && url.hash) return;
    event.preventDefault();
    navigate(url.href);
  }

  function onPopState(): void {
    const url = new URL(window.location.href);
    if (url.pathname + url.search === shownKey) return;
    render(url);
    afterNavigation(url);
  }

  return {
    start() {
      render(new URL(window.location.href));
      document.addEventListener("click", onClick);
      window.addEventListener("popstate", onPopState);
      return () => {
        document.removeEventListener("click", onClick);
        window.removeEventListener("popstate", onPopState);
      };
    },
    navigate,
    refresh() {
      render(new URL(window.location.href));
    },
    href,
  };
}

/** The absolute URL path of an app path: (`/demo/moncompte`, `/phase1`) → `/demo/moncompte/phase1`. */
export function appHref(basePath: string, path: string): string {
  return path === "/" || path === "" ? `${basePath}/` : `${basePath}${path}`;
}

/** Params of `path` against `pattern` (static segments case-insensitive), or undefined. */
export function matchPath(
  pattern: string,
  path: string,
): Record<string, string> | undefined {
  const parts = pattern.split("/").filter(Boolean);
  const segments = path.split("/").filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = safeDecode(segment);
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function findHashTarget(hash: string): HTMLElement | null {
  const id = safeDecode(hash.slice(1));
  return id ? document.getElementById(id) : null;
}

/** Focuses an element, making it programmatically focusable if it is not. */
function focusElement(element: HTMLElement): void {
  if (
    !element.matches("a[href], button, input, select, textarea, [tabindex]")
  ) {
    element.setAttribute("tabindex", "-1");
  }
  element.focus({ preventScroll: true });
}
