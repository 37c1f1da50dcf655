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

describe("dependency direction", () => {
  it("lets widget code import only itself, api/contract and its few browser packages", () => {
    const offending = sourceFiles("widget").flatMap((file) =>
      importsOf(file)
        .map((specifier) => resolved(file, specifier))
        .filter((target) =>
          target.startsWith("widget/") || target.startsWith("api/contract/")
            ? false
            : !WIDGET_PACKAGES.has(target.replace(/\?.*$/, "")) &&
              !/\.css\?inline$/.test(target),
        )
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it("keeps api/contract free of the rest of the API, of the widget and of full zod", () => {
    const offending = sourceFiles("api/contract").flatMap((file) =>
      importsOf(file)
        .map((specifier) => resolved(file, specifier))
        .filter(
          (target) =>
            !target.startsWith("api/contract/") && target !== "zod/mini",
        )
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
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
      importsOf("widget/panel/page-context.ts").map((s) =>
        resolved("widget/panel/page-context.ts", s),
      ),
    ).toContain("api/contract/route-tag.ts");
  });
});
