import type { Plugin, UserConfig } from "vite";
import { defineConfig } from "vitest/config";

// One config for every build and for the tests. An IIFE cannot be code-split, so each artefact is its own
// `vite build --mode <name>` run (see `npm run build`):
//   loader — widget/loader → dist/widget/loader.js (IIFE, the only script before intent, ≤ 2 KB gzip)
//   panel  — widget/panel, widget/anchors → dist/widget/panel.js, anchors.js + dist/widget/chunks/* (ES
//            modules, loaded by import(): the panel on intent, the anchored tips on pages that have some,
//            a view opened later — « Mes demandes » — from the panel when the user opens it)
//   demo   — demo/*.html   → dist/demo (the host pages served under /demo/)
//   console — api/console  → dist/console (the support console served under /support/)
const jsx = {
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
} as const;

// Vite wraps each `import()` of the widget's own chunks in its preload helper (~600 B gzip), which adds
// <link> elements to the host's <head> for a chunk's CSS and dependencies. The widget's chunks have neither
// (`modulePreload: false`, styles through `?inline`), and must never touch the host's document: the helper
// is replaced by a plain call of the import.
const noPreloadHelper: Plugin = {
  name: "snu-aide:no-preload-helper",
  enforce: "pre",
  load(id) {
    if (id === "\0vite/preload-helper.js")
      return "export const __vitePreload = (load) => load();";
  },
};

const builds: Record<string, UserConfig> = {
  loader: {
    ...jsx,
    publicDir: false,
    build: {
      outDir: "dist/widget",
      emptyOutDir: true,
      target: "es2020",
      modulePreload: false,
      rolldownOptions: {
        input: "widget/loader/index.ts",
        output: { format: "iife", entryFileNames: "loader.js" },
      },
    },
  },
  panel: {
    // Classic JSX (`h(type, props, ...children)`) for the chunks: shorter calls than the automatic runtime's
    // `jsx(type, {…, children})`, and no jsx-runtime module (~180 B gzip). Same elements; the unit tests
    // keep the automatic runtime. Distinctive names: a local `h` cannot shadow the pragma.
    oxc: {
      jsx: {
        runtime: "classic",
        pragma: "preactH",
        pragmaFrag: "PreactFragment",
      },
      jsxInject: `import { h as preactH, Fragment as PreactFragment } from "preact"`,
    },
    plugins: [noPreloadHelper],
    publicDir: false,
    build: {
      outDir: "dist/widget",
      emptyOutDir: false,
      // ES2022 syntax is shorter (`??=`…); the loader shows nothing on older browsers (supports.ts).
      target: "es2022",
      modulePreload: false,
      rolldownOptions: {
        // Two entries sharing their common code (Preact, page context, API client) through chunks.
        input: {
          panel: "widget/panel/index.ts",
          anchors: "widget/anchors/index.ts",
        },
        // Keep `mount`/`startSender`/`mountAnchors` exported: an app build would otherwise drop the entries' exports.
        // "strict" also keeps panel.js a small entry of its own: the shared code sits in a chunk that the
        // anchored tips import without fetching panel.js (the e2e tests check that URL before intent).
        preserveEntrySignatures: "strict",
        output: {
          format: "es",
          entryFileNames: "[name].js",
          chunkFileNames: "chunks/[name]-[hash].js",
          // One chunk for everything but the anchored tips' own code and floating-ui: one gzip stream
          // compresses ~700 B better than panel + shared chunk (the 30 KB budget). The panel's code is
          // thus fetched, not run, with the anchored tips or a waiting submission; floating-ui never
          // comes with the panel (tests/build/size-budget.test.ts). What is fetched on demand stays out of
          // it, in lazy chunks of ≤ 4 KB each: views opened later (widget/my-requests, with the status
          // labels only they show) and the search code (fetched with the first query, alongside every tip
          // it searches). `anchor-paths` serves the loader and the anchored tips only: it goes to anchors.js.
          codeSplitting: {
            groups: [
              {
                name: "common",
                test: (id) =>
                  !/widget[\\/](anchors|my-requests)|anchor-paths|tip-search|@floating-ui|request-statuses/.test(
                    id,
                  ),
              },
            ],
          },
        },
      },
    },
  },
  demo: {
    root: "demo",
    base: "/demo/",
    publicDir: false,
    build: {
      outDir: "../dist/demo",
      emptyOutDir: true,
      modulePreload: false,
      rolldownOptions: {
        input: {
          index: "demo/index.html",
          moncompte: "demo/moncompte/index.html",
          admin: "demo/admin/index.html",
        },
      },
    },
  },
  console: {
    ...jsx,
    root: "api/console",
    base: "/support/",
    publicDir: false,
    build: {
      outDir: "../../dist/console",
      emptyOutDir: true,
      modulePreload: false,
    },
  },
};

export default defineConfig(({ mode }) => {
  const build = builds[mode];
  if (build) return build;
  return {
    ...jsx,
    test: {
      // Test files are split by environment: widget code under happy-dom, the API under Node with real SQLite.
      projects: [
        {
          ...jsx,
          test: {
            name: "unit",
            include: ["tests/unit/**/*.test.{ts,tsx}"],
            environment: "happy-dom",
          },
        },
        {
          test: {
            name: "api",
            include: ["tests/api/**/*.test.ts"],
            environment: "node",
          },
        },
        {
          // Checks of the built files (size budgets, dependency direction): run after `npm run build`.
          test: {
            name: "build",
            include: ["tests/build/**/*.test.ts"],
            environment: "node",
          },
        },
        {
          // Real Chromium against the real server: 2 cores, so one file at a time.
          test: {
            name: "e2e",
            include: ["tests/e2e/**/*.test.ts"],
            environment: "node",
            fileParallelism: false,
            testTimeout: 30_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  };
});
