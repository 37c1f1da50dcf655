import fs from "node:fs";
import path from "node:path";

/** A built file, read once at start-up (the widget and demo builds are small). */
export interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/**
 * Every file under `dir`, keyed by its path with `/` separators (`chunks/panel-1a2b.js`). An absent folder
 * gives an empty set: the API runs without a build, and the routes then answer 404.
 */
export function readFileSet(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, {
    recursive: true,
    withFileTypes: true,
  })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const key = path.relative(dir, full).split(path.sep).join("/");
    files.set(key, {
      body: new Uint8Array(fs.readFileSync(full)),
      type: TYPES[path.extname(entry.name)] ?? "application/octet-stream",
    });
  }
  return files;
}
