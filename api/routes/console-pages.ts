import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { StaticFile } from "../static/file-set.ts";
import { hashedAssets, htmlPage } from "../static/send-file.ts";

/** The console's CSP: only its own scripts and styles, no framing, Trusted Types enforced. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'";

/** `/support/…`: the console's page for every client route, and its hashed assets. The API is not here. */
export function consoleRoutes(
  files: ReadonlyMap<string, StaticFile>,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>().get(
    "/support/assets/*",
    hashedAssets("/support", files),
  );
  const index = files.get("index.html");
  if (!index) return app;
  const page = htmlPage(index, CONSOLE_CSP);
  return app.get("/support", page).get("/support/*", (c, next) =>
    // An unknown API address is a JSON 404, never the console page.
    c.req.path.startsWith("/support/api/") ? next() : page(c),
  );
}
