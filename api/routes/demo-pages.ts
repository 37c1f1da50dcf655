import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { StaticFile } from "../static/file-set.ts";
import { hashedAssets, htmlPage } from "../static/send-file.ts";

/** The strict CSP of the demo hosts: the widget must work under it with zero violations (issue 3). */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

const APPS = ["moncompte", "admin"] as const;

/**
 * The demo hosts: `/` and `/demo/` (index), `/demo/<app>/…` (each app's page for every path below it, as
 * a single-page app) and `/demo/assets/*` (hashed, immutable).
 */
export function demoRoutes(
  files: ReadonlyMap<string, StaticFile>,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const index = files.get("index.html");
  if (index) {
    const handler = htmlPage(index, DEMO_CSP);
    app.get("/", handler).get("/demo", handler).get("/demo/", handler);
  }
  for (const name of APPS) {
    const file = files.get(`${name}/index.html`);
    if (file)
      app
        .get(`/demo/${name}`, htmlPage(file, DEMO_CSP))
        .get(`/demo/${name}/*`, htmlPage(file, DEMO_CSP));
  }
  return app.get("/demo/assets/*", hashedAssets("/demo", files));
}
