import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "../support/temp-dir.ts";

// ARCHITECTURE §2: one-way dependency, widget → api/contract only; the contract imports nothing else of
// the API, and only zod/mini (full zod alone would weigh ~27 KB gzip in the browser).
const WIDGET_PACKAGES = new Set([
  "preact",
  "preact/hooks",
  "@floating-ui/dom",
  "zod/mini",
]);

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const found = [
    ...source.matchAll(
      // `import … from "x"`, `export … from "x"`, side-effect `import "x"`, and `import("x")`.
      /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^\s*import\s+["']([^"']+)["']/gm,
    ),
  ];
  return found
    .map((match) => match[1] ?? match[2] ?? match[3]!)
    .filter(Boolean);
}

function resolved(file: string, specifier: string): string {
  return specifier.startsWith(".")
    ? path.relative(".", path.resolve(path.dirname(file), specifier))
    : specifier;
}

/** Each import cycle once, as « a → b → … → a », by a depth-first walk over the import edges. */
function cyclesOf(edges: Map<string, string[]>): string[] {
  const cycles = new Set<string>();
  const done = new Set<string>();
  const walk = (file: string, trail: string[]) => {
    const at = trail.indexOf(file);
    if (at >= 0) {
      // Written from its first file in sort order, so a cycle met from two places counts once.
      const loop = trail.slice(at);
      const start = loop.indexOf([...loop].sort()[0]!);
      const cycle = [...loop.slice(start), ...loop.slice(0, start)];
      cycles.add([...cycle, cycle[0]].join(" → "));
      return;
    }
    if (done.has(file)) return;
    for (const next of edges.get(file) ?? []) walk(next, [...trail, file]);
    done.add(file);
  };
  for (const file of edges.keys()) walk(file, []);
  return [...cycles];
}

/** The imports of a folder's files that `breaks` the rule, as « file → target ». */
function importsBreaking(dir: string, breaks: (target: string) => boolean) {
  return sourceFiles(dir).flatMap((file) =>
    importsOf(file)
      .map((specifier) => resolved(file, specifier))
      .filter(breaks)
      .map((target) => `${file} → ${target}`),
  );
}

describe("dependency direction", () => {
  it("lets widget code import only itself, api/contract and its few browser packages", () => {
    expect(
      importsBreaking("widget", (target) =>
        target.startsWith("widget/") || target.startsWith("api/contract/")
          ? false
          : !WIDGET_PACKAGES.has(target.replace(/\?.*$/, "")) &&
            !/\.css\?inline$/.test(target),
      ),
    ).toEqual([]);
  });

  it("keeps api/contract free of the rest of the API, of the widget and of full zod", () => {
    expect(
      importsBreaking(
        "api/contract",
        (target) =>
          !target.startsWith("api/contract/") && target !== "zod/mini",
      ),
    ).toEqual([]);
  });

  it("lets the console import only itself, api/contract and its browser packages", () => {
    const allowed = new Set(["preact", "preact/hooks", "zod/mini"]);
    expect(
      importsBreaking(
        "api/console",
        (target) =>
          !target.startsWith("api/console/") &&
          !target.startsWith("api/contract/") &&
          !allowed.has(target) &&
          !/\.css(\?inline)?$/.test(target),
      ),
    ).toEqual([]);
  });

  it("keeps the anchored tips apart from the panel: what both use lives in widget/shared", () => {
    expect(
      importsBreaking("widget/anchors", (target) =>
        target.startsWith("widget/panel/"),
      ),
    ).toEqual([]);
  });

  it("has no import cycle, type-only imports included, in api/ and widget/", () => {
    const files = [...sourceFiles("api"), ...sourceFiles("widget")];
    const edges = new Map(
      files.map((file) => [
        path.relative(".", file),
        importsOf(file)
          .filter((specifier) => specifier.startsWith("."))
          .map((specifier) => resolved(file, specifier)),
      ]),
    );
    expect(cyclesOf(edges)).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself works)", () => {
    const edges = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(cyclesOf(edges)).toEqual(["a.ts → b.ts → c.ts → a.ts"]);
  });

  it("sees side-effect imports too", () => {
    const file = path.join(makeTempDir(), "x.ts");
    fs.writeFileSync(
      file,
      'import "../api/store/sqlite-store.ts";\nimport { a } from "./a.ts";\n',
    );
    expect(importsOf(file)).toEqual(["../api/store/sqlite-store.ts", "./a.ts"]);
  });

  it("finds the imports it checks (the scan itself works)", () => {
    expect(
      importsOf("widget/shared/page-route.ts").map((s) =>
        resolved("widget/shared/page-route.ts", s),
      ),
    ).toContain("api/contract/route-tag.ts");
  });
});
