import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { StaticFile } from "../static/file-set.ts";

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
  const page = (name: string) => {
    const file = files.get(name);
    return file
      ? (c: Context<AppEnv>) => {
          c.header("Content-Security-Policy", DEMO_CSP);
          c.header("Cache-Control", "no-cache");
          c.header("Content-Type", file.type);
          return c.body(file.body);
        }
      : undefined;
  };

  const index = page("index.html");
  if (index) app.get("/", index).get("/demo", index).get("/demo/", index);
  for (const name of APPS) {
    const handler = page(`${name}/index.html`);
    if (handler)
      app.get(`/demo/${name}`, handler).get(`/demo/${name}/*`, handler);
  }
  app.get("/demo/assets/*", (c, next) => {
    const file = files.get(c.req.path.slice("/demo/".length));
    if (!file) return next();
    c.header("Content-Type", file.type);
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    return c.body(file.body);
  });
  return app;
}
