import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { readFileSet } from "../../api/static/file-set.ts";
import { createTestApp } from "../support/test-app.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// A small build folder written by the test, served by the real app.
const dir = makeTempDir();
const LOADER = `(function(){${"console.log('aide');".repeat(50)}})();`;
fs.mkdirSync(path.join(dir, "widget", "chunks"), { recursive: true });
fs.writeFileSync(path.join(dir, "widget", "loader.js"), LOADER);
fs.writeFileSync(
  path.join(dir, "widget", "chunks", "panel-abc123.js"),
  "export const x = 1;",
);
fs.mkdirSync(path.join(dir, "demo", "moncompte"), { recursive: true });
fs.writeFileSync(
  path.join(dir, "demo", "moncompte", "index.html"),
  "<!doctype html><title>Mon compte</title>",
);
fs.mkdirSync(path.join(dir, "console"), { recursive: true });
fs.writeFileSync(
  path.join(dir, "console", "index.html"),
  "<!doctype html><title>Console</title>",
);
const files = {
  widget: readFileSet(path.join(dir, "widget")),
  demo: readFileSet(path.join(dir, "demo")),
  console: readFileSet(path.join(dir, "console")),
};

describe("built files", () => {
  it("serves /widget/* to any origin, embeddable cross-origin, with short cache for entries", async () => {
    const { app } = createTestApp({ files });
    const response = await app.request("/widget/loader.js", {
      headers: { Origin: "https://autre.example" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Cross-Origin-Resource-Policy")).toBe(
      "cross-origin",
    );
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(await response.text()).toBe(LOADER);
    const chunk = await app.request("/widget/chunks/panel-abc123.js");
    expect(chunk.headers.get("Cache-Control")).toBe(
      "public, max-age=31536000, immutable",
    );
  });

  it("sends brotli or gzip as the browser accepts, and says so in Vary", async () => {
    const { app } = createTestApp({ files });
    const br = await app.request("/widget/loader.js", {
      headers: { "Accept-Encoding": "gzip, deflate, br" },
    });
    expect(br.headers.get("Content-Encoding")).toBe("br");
    expect(br.headers.get("Vary")).toContain("Accept-Encoding");
    expect(
      zlib.brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString(),
    ).toBe(LOADER);
    const gzip = await app.request("/widget/loader.js", {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(gzip.headers.get("Content-Encoding")).toBe("gzip");
    expect(
      zlib.gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString(),
    ).toBe(LOADER);
  });

  it("answers 404 with the envelope for a widget file that does not exist", async () => {
    const { app } = createTestApp({ files });
    const response = await app.request("/widget/nope.js");
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });

  it("serves each demo app's page for every path below it, under the strict CSP", async () => {
    const { app } = createTestApp({ files });
    for (const pagePath of [
      "/demo/moncompte",
      "/demo/moncompte/volontaire/64f1a2b3c4d5e6f708192a3b",
    ]) {
      const response = await app.request(pagePath);
      expect(response.status, pagePath).toBe(200);
      expect(response.headers.get("Content-Security-Policy")).toContain(
        "require-trusted-types-for 'script'",
      );
      expect(await response.text()).toContain("Mon compte");
    }
  });

  it("serves the console page under /support/ but never for an unknown API address", async () => {
    const { app } = createTestApp({ files });
    const page = await app.request("/support/requests/SNU-2026-000001");
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Security-Policy")).toContain(
      "frame-ancestors 'none'",
    );
    const api = await app.request("/support/api/nothing");
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe("not_found");
  });
});
