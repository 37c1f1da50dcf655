import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** A built file, read and compressed once at start-up (the widget, demo and console builds are small). */
export interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  /** Pre-compressed bodies for text files: what browsers actually download. */
  gzip?: Uint8Array<ArrayBuffer>;
  br?: Uint8Array<ArrayBuffer>;
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
const COMPRESSIBLE = new Set([".js", ".css", ".html", ".svg", ".json", ".map"]);

const bytes = (buffer: Buffer) => new Uint8Array(buffer);

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
    const raw = fs.readFileSync(full);
    const extension = path.extname(entry.name);
    const file: StaticFile = {
      body: bytes(raw),
      type: TYPES[extension] ?? "application/octet-stream",
    };
    if (COMPRESSIBLE.has(extension)) {
      file.gzip = bytes(zlib.gzipSync(raw, { level: 9 }));
      file.br = bytes(
        zlib.brotliCompressSync(raw, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
        }),
      );
    }
    files.set(key, file);
  }
  return files;
}
