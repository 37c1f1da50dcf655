import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";

// BUDGETS.md: the loader is the only script before intent (≤ 2 KB gzip); everything the widget can fetch
// once opened — loader, panel, every lazy chunk, CSS (inlined in the JS) — stays within 30 KB gzip.
const WIDGET_DIR = "dist/widget";
const LOADER_BUDGET = 2 * 1024;
const OPENED_BUDGET = 30 * 1024;

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function widgetFiles(): string[] {
  return fs
    .readdirSync(WIDGET_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("widget size budgets (built files)", () => {
  it("ships only JavaScript in dist/widget: styles travel inside it, applied to the shadow root", () => {
    const files = widgetFiles();
    expect(files).toContain(path.join(WIDGET_DIR, "loader.js"));
    expect(files).toContain(path.join(WIDGET_DIR, "panel.js"));
    expect(files.filter((file) => !file.endsWith(".js"))).toEqual([]);
  });

  it(`keeps the loader within ${LOADER_BUDGET} bytes gzip`, () => {
    const size = gzipSize(path.join(WIDGET_DIR, "loader.js"));
    console.log(`loader.js: ${size} B gzip (budget ${LOADER_BUDGET})`);
    expect(size).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it(`keeps everything the widget fetches once opened within ${OPENED_BUDGET} bytes gzip`, () => {
    const sizes = widgetFiles().map(
      (file) => [path.relative(WIDGET_DIR, file), gzipSize(file)] as const,
    );
    const total = sizes.reduce((sum, [, size]) => sum + size, 0);
    console.log(
      `${sizes.map(([name, size]) => `${name}: ${size} B`).join(", ")} — total ${total} B gzip (budget ${OPENED_BUDGET})`,
    );
    expect(total).toBeLessThanOrEqual(OPENED_BUDGET);
  });

  it("keeps floating-ui out of what the panel loads: it comes only with the anchored-tips chunk", () => {
    // The files a chunk pulls in through its static imports (`./chunks/…`), itself included.
    const graph = (entry: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(entry)) return seen;
      seen.add(entry);
      const code = fs.readFileSync(entry, "utf8");
      for (const [, spec] of code.matchAll(/from\s*"(\.[^"]+)"/g))
        graph(path.join(path.dirname(entry), spec!), seen);
      return seen;
    };
    // A string of floating-ui's overflow detection that survives minification.
    const hasFloatingUi = (files: Set<string>) =>
      [...files].some((file) =>
        fs.readFileSync(file, "utf8").includes("clippingAncestors"),
      );
    expect(hasFloatingUi(graph(path.join(WIDGET_DIR, "panel.js")))).toBe(false);
    expect(hasFloatingUi(graph(path.join(WIDGET_DIR, "anchors.js")))).toBe(
      true,
    );
  });
});
