import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { StaticFile } from "../static/file-set.ts";
import { IMMUTABLE, sendFile } from "../static/send-file.ts";

/**
 * `/widget/*`: the loader and the panel chunks, embeddable from any origin (ARCHITECTURE §3): the panel
 * is fetched by `import()` in CORS mode, so every answer allows all origins and cross-origin use.
 * Entry files keep their names (short cache, so a release reaches hosts quickly); chunks are hashed.
 */
export function widgetRoutes(
  files: ReadonlyMap<string, StaticFile>,
): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/widget/*", (c, next) => {
    const name = c.req.path.slice("/widget/".length);
    const file = files.get(name);
    c.header("Access-Control-Allow-Origin", "*");
    if (!file) return next();
    return sendFile(
      c,
      file,
      name.startsWith("chunks/") ? IMMUTABLE : "public, max-age=300",
    );
  });
}
