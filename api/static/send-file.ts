import type { Context, Next } from "hono";
import type { StaticFile } from "./file-set.ts";

/** Hashed file names never change content: browsers may keep them for a year. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/** Answers with a built file, compressed as the browser accepts (brotli, else gzip), with its cache policy. */
export function sendFile(
  c: Context,
  file: StaticFile,
  cacheControl: string,
): Response {
  c.header("Content-Type", file.type);
  c.header("Cache-Control", cacheControl);
  if (!file.gzip) return c.body(file.body);
  c.header("Vary", "Accept-Encoding", { append: true });
  const accepted = c.req.header("accept-encoding") ?? "";
  if (file.br && /\bbr\b/.test(accepted)) {
    c.header("Content-Encoding", "br");
    return c.body(file.br);
  }
  if (/\bgzip\b/.test(accepted)) {
    c.header("Content-Encoding", "gzip");
    return c.body(file.gzip);
  }
  return c.body(file.body);
}

/** A handler for `<mount>/assets/*`: the build's hashed files under `mount`, or the next handler (404). */
export function hashedAssets(
  mount: string,
  files: ReadonlyMap<string, StaticFile>,
) {
  return (c: Context, next: Next) => {
    const file = files.get(c.req.path.slice(mount.length + 1));
    return file ? sendFile(c, file, IMMUTABLE) : next();
  };
}

/** A handler answering one HTML page (a single-page app's shell) under its CSP, never cached stale. */
export function htmlPage(file: StaticFile, csp: string) {
  return (c: Context) => {
    c.header("Content-Security-Policy", csp);
    return sendFile(c, file, "no-cache");
  };
}
