// The host site of `npm run bench:widget`: the built demo app (dist/demo) served from its own origin, as
// moncompte would serve itself, with the widget's loader tag pointing at the widget's server on another
// origin — or without that tag, the same page otherwise (the baseline).
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface BenchHost {
  origin: string;
  close(): Promise<void>;
}

/** The demo's own loader tag, as demo/<app>/index.html writes it (src relative to the widget's server). */
const LOADER_TAG = /<script\b[^>]*\bsrc="\/widget\/loader\.js"[^>]*><\/script>/;

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * Serves `dist/demo` on 127.0.0.1: `/demo/<app>/…` is the app's page (every path, as a single-page app) with
 * the loader tag, its `src` made absolute on `widgetOrigin()`; the same URL with `?sans-chargeur` is the
 * same page without the tag (the query changes neither the demo's routing nor the widget's); and
 * `/demo/assets/*` the app's own scripts and styles, cacheable like the real site's.
 */
export async function startBenchHost(
  distDemo: string,
  /** The widget's server for this page request (the A/B bench names it in the query). */
  widgetOrigin: (url: URL) => string,
): Promise<BenchHost> {
  const page = (app: string, url: URL) => {
    const withLoader = !url.searchParams.has("sans-chargeur");
    const html = fs.readFileSync(
      path.join(distDemo, app, "index.html"),
      "utf8",
    );
    if (!LOADER_TAG.test(html))
      throw new Error(`${app}/index.html: loader tag not found`);
    return html.replace(LOADER_TAG, (tag) =>
      withLoader
        ? tag.replace('src="/widget/', `src="${widgetOrigin(url)}/widget/`)
        : "",
    );
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://host");
    const asset = /^\/demo\/assets\/([\w.-]+)$/.exec(url.pathname)?.[1];
    if (asset) {
      const file = path.join(distDemo, "assets", asset);
      if (!fs.existsSync(file)) return void response.writeHead(404).end();
      return void response
        .writeHead(200, {
          "Content-Type":
            TYPES[path.extname(file)] ?? "application/octet-stream",
          "Cache-Control": "public, max-age=31536000, immutable",
        })
        .end(fs.readFileSync(file));
    }
    const route = /^\/demo\/(moncompte|admin)(?:\/|$)/.exec(url.pathname);
    if (!route) return void response.writeHead(404).end();
    response.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
    });
    response.end(page(route[1]!, url));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
