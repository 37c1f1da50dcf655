import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";

// BUDGETS.md: the loader is the only script before intent (≤ 2 KB gzip); what a page loads for the widget,
// its panel and the contact form — loader, panel, the anchored-tips chunk where the page has some, CSS
// (inlined in the JS) — stays within 30 KB gzip; a view opened later (« Mes demandes », …) is its own lazy
// chunk of ≤ 4 KB gzip (issue 10: this test is the judge and prints both figures).
const WIDGET_DIR = "dist/widget";
const LOADER_BUDGET = 2 * 1024;
const MAIN_BUDGET = 30 * 1024;
const LAZY_VIEW_BUDGET = 4 * 1024;
/** The entries a page may load: the loader, and what it imports (the panel, the anchored tips). */
const ENTRIES = ["loader.js", "panel.js", "anchors.js"];
/**
 * The lazy chunks (names without their hash): only code fetched on a user's later, optional action —
 * « Mes demandes », the search (with the first query). Code fetched each time the panel opens (the
 * counters' batching code, with `panel_open`) is part of what the panel loads, counted in MAIN_BUDGET.
 */
const LAZY_CHUNKS = ["MyRequests", "tip-search"];

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function widgetFiles(): string[] {
  return fs
    .readdirSync(WIDGET_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The files a chunk pulls in through its static imports (`from "./…"`, `import "./…"`), itself included. */
function graph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = fs.readFileSync(entry, "utf8");
  for (const [, spec] of code.matchAll(/(?:from|import)\s*"(\.[^"]+)"/g))
    graph(path.join(path.dirname(entry), spec!), seen);
  return seen;
}

/** The files a chunk fetches on demand, with `import("./…")`. */
function dynamicImports(file: string): string[] {
  const code = fs.readFileSync(file, "utf8");
  return [...code.matchAll(/import\(\s*[`"'](\.[^`"']+)[`"']\s*\)/g)].map(
    ([, spec]) => path.join(path.dirname(file), spec!),
  );
}

/** What a page loads at most before any view opened later: the entries and their static imports. */
function mainFiles(): Set<string> {
  const files = new Set<string>();
  for (const entry of ENTRIES) graph(path.join(WIDGET_DIR, entry), files);
  return files;
}

const sizeList = (files: Iterable<string>) =>
  [...files]
    .map((file) => `${path.relative(WIDGET_DIR, file)}: ${gzipSize(file)} B`)
    .join(", ");
const total = (files: Iterable<string>) =>
  [...files].reduce((sum, file) => sum + gzipSize(file), 0);

describe("widget size budgets (built files)", () => {
  it("ships only JavaScript in dist/widget: styles travel inside it, applied to the shadow root", () => {
    const files = widgetFiles();
    for (const entry of ENTRIES)
      expect(files).toContain(path.join(WIDGET_DIR, entry));
    expect(files.filter((file) => !file.endsWith(".js"))).toEqual([]);
  });

  it(`keeps the loader within ${LOADER_BUDGET} bytes gzip`, () => {
    const size = gzipSize(path.join(WIDGET_DIR, "loader.js"));
    console.log(`loader.js: ${size} B gzip (budget ${LOADER_BUDGET})`);
    expect(size).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it(`keeps what a page loads for the widget, its panel, the contact form and the anchored tips within ${MAIN_BUDGET} bytes gzip`, () => {
    const files = mainFiles();
    const size = total(files);
    console.log(
      `main: ${sizeList(files)} — total ${size} B gzip (budget ${MAIN_BUDGET})`,
    );
    expect(size).toBeLessThanOrEqual(MAIN_BUDGET);
  });

  it(`keeps « Mes demandes » in its own lazy chunk of at most ${LAZY_VIEW_BUDGET} bytes gzip`, () => {
    const main = mainFiles();
    const chunk = widgetFiles().find((file) =>
      /^chunks[\\/]MyRequests-[\w-]+\.js$/.test(
        path.relative(WIDGET_DIR, file),
      ),
    );
    expect(chunk, "chunks/MyRequests-*.js").toBeDefined();
    // Lazy: not among the files a page loads up front, and fetched by the panel with import() on demand.
    expect(main.has(chunk!)).toBe(false);
    expect([...main].flatMap(dynamicImports)).toContain(chunk);
    // Its cost: what it adds to what is already loaded (its own file, and any file only it imports).
    const own = [...graph(chunk!)].filter((file) => !main.has(file));
    const size = total(own);
    console.log(
      `« Mes demandes »: ${sizeList(own)} — ${size} B gzip (budget ${LAZY_VIEW_BUDGET})`,
    );
    expect(size).toBeLessThanOrEqual(LAZY_VIEW_BUDGET);
  });

  it(`keeps every other file a lazy chunk of at most ${LAZY_VIEW_BUDGET} bytes gzip, fetched on demand`, () => {
    const main = mainFiles();
    const lazy = widgetFiles().filter((file) => !main.has(file));
    console.log(`lazy chunks: ${sizeList(lazy)}`);
    expect(
      lazy
        .map((file) => path.basename(file).replace(/-[\w-]{8}\.js$/, ""))
        .sort(),
    ).toEqual(LAZY_CHUNKS);
    const fetchedOnDemand = new Set([...main, ...lazy].flatMap(dynamicImports));
    expect(lazy.filter((file) => !fetchedOnDemand.has(file))).toEqual([]);
    const over = lazy
      .map((file) => [file, gzipSize(file)] as const)
      .filter(([, size]) => size > LAZY_VIEW_BUDGET);
    expect(over).toEqual([]);
  });

  it("keeps floating-ui out of what the panel loads: it comes only with the anchored-tips chunk", () => {
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

  it("leaves no <link> or preload helper in the chunks: nothing is added to the host's document", () => {
    for (const file of widgetFiles())
      expect(fs.readFileSync(file, "utf8"), file).not.toMatch(
        /createElement\(["'`]link["'`]\)|modulepreload|vite:preloadError/,
      );
  });
});
