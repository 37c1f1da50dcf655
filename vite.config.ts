import type { UserConfig } from "vite";
import { defineConfig } from "vitest/config";

// One config for every build and for the tests. An IIFE cannot be code-split, so each artefact is its own
// `vite build --mode <name>` run (see `npm run build`):
//   loader — widget/loader → dist/widget/loader.js (IIFE, the only script before intent, ≤ 2 KB gzip)
//   panel  — widget/panel, widget/anchors → dist/widget/panel.js, anchors.js + dist/widget/chunks/* (ES
//            modules, loaded by import(): the panel on intent, the anchored tips on pages that have some)
//   demo   — demo/*.html   → dist/demo (the host pages served under /demo/)
//   console — api/console  → dist/console (the support console served under /support/)
const jsx = {
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
} as const;

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
    ...jsx,
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
        preserveEntrySignatures: "strict",
        output: {
          format: "es",
          entryFileNames: "[name].js",
          chunkFileNames: "chunks/[name]-[hash].js",
          // One chunk for everything but the anchored tips' own code and floating-ui: one gzip stream
          // compresses ~700 B better than panel + shared chunk (the 30 KB budget). The panel's code is
          // thus fetched, not run, with the anchored tips or a waiting submission; floating-ui never
          // comes with the panel (tests/build/size-budget.test.ts).
          codeSplitting: {
            groups: [
              {
                name: "common",
                test: (id) => !/widget[\\/]anchors|@floating-ui/.test(id),
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
