import { minify, type MinifyOptions } from "terser";
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

// Property names that only the libraries' own code writes and reads in the widget's files, never the widget's
// code, the host, the DOM or the API: terser shortens them (`mangle.properties`), alike in every chunk of a
// build (one name cache), where it leaves all others as they are. It never shortens a DOM name (its
// `builtins` list: `contextType` stays). Measured on what a page loads (issue 13): −170 B gzip for
// floating-ui's, −85 B for Preact's. tests/e2e/anchored-tips.test.ts and the panel's e2e suites run the
// result.
const LIBRARY_INTERNALS = new RegExp(
  `^(?:${[
    // @floating-ui/core ↔ @floating-ui/dom: the platform's methods, the middleware's state and the options
    // of detectOverflow, flip and shift. place.ts uses two of these names itself (`crossAxis`, and
    // `platform.detectOverflow` in its height step): mangled alike in its code and the library's.
    "convertOffsetParentRelativeRectToViewportRelativeRect",
    "getDocumentElement",
    "getOffsetParent",
    "getElementRects",
    "getClippingRect",
    "getDimensions",
    "getScale",
    "isElement",
    "isRTL",
    "detectOverflow",
    "rects",
    "overflows",
    "centerOffset",
    "alignmentOffset",
    "alignmentAxis",
    "crossAxis",
    "mainAxis",
    "boundary",
    "rootBoundary",
    "elementContext",
    "altBoundary",
    "contextElement",
    "fallbackAxisSideDirection",
    "fallbackStrategy",
    "flipAlignment",
    "initialPlacement",
    // Preact: the lifecycle methods of class components. The widget has none; Preact's hooks (useState,
    // useErrorBoundary) are the only code that sets them, and Preact's diff the only code that calls them.
    "getDerivedStateFromProps",
    "getDerivedStateFromError",
    "getSnapshotBeforeUpdate",
    "getChildContext",
    "shouldComponentUpdate",
    "componentWillReceiveProps",
    "componentWillMount",
    "componentDidMount",
    "componentWillUpdate",
    "componentDidUpdate",
    "componentWillUnmount",
    "componentDidCatch",
  ].join("|")})$`,
);

// The widget's files go through terser after Vite's own minifier (Oxc): each finds what the other misses.
// Measured on what a page loads (tests/build/size-budget.test.ts, issue 13, before the counters'
// batching code joined it): Oxc alone 31,180 B gzip, terser alone 30,948 B, Oxc then terser 30,757 B, and
// 30,667 B with the two « unsafe » options, checked on the output: `unsafe_arrows` turns function
// expressions that use neither `this` nor `arguments` into arrows (nothing here calls those with `new`);
// `unsafe` writes `` `a${b}` `` as `"a"+b` and `String(x)` as `x+""` (only strings, numbers and booleans go
// through them) and drops `new` before `RegExp`. Run once the files are written and named: their hashes
// stay those of Oxc's output, which terser (pinned) turns into the same bytes every time. Only the
// properties' names are shared between chunks: sharing the top-level names too costs 30 B.
const terserPass = (options: MinifyOptions): Plugin => ({
  name: "snu-aide:terser",
  async generateBundle(_, bundle) {
    let props: object | undefined;
    for (const file of Object.values(bundle))
      if (file.type === "chunk") {
        const nameCache: { props?: object } = { props };
        file.code = (
          await minify(file.code, {
            ecma: 2020,
            compress: { passes: 3, unsafe: true, unsafe_arrows: true },
            nameCache,
            ...options,
          })
        ).code!;
        props = nameCache.props;
      }
  },
});

const builds: Record<string, UserConfig> = {
  loader: {
    ...jsx,
    plugins: [terserPass({})],
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
    plugins: [
      noPreloadHelper,
      terserPass({
        module: true,
        mangle: { properties: { regex: LIBRARY_INTERNALS } },
      }),
    ],
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
          // One chunk for everything but floating-ui and the files that hand it over (anchors/anchors-chunk.ts,
          // place.ts): one gzip stream compresses ~700 B better than panel + shared chunk, and ~250 B better
          // again with the anchored tips' own code in it (issue 13; the 30 KB budget). The panel's code is
          // thus fetched, not run, with the anchored tips or a waiting submission, and the anchored tips'
          // code with the panel; floating-ui never comes with the panel (tests/build/size-budget.test.ts).
          // What is fetched on demand stays out of it, in lazy chunks of ≤ 4 KB each: views opened later
          // (widget/my-requests, with the status labels only they show), the search code (fetched with the
          // first query, alongside every tip it searches). Not the counters' batching code (event-batch):
          // `panel_open` is counted each time the panel opens, so it is part of what the panel loads.
          codeSplitting: {
            groups: [
              {
                name: "common",
                test: (id) =>
                  !/widget[\\/](my-requests|anchors[\\/](index|anchors-chunk|place))|tip-search|@floating-ui|request-statuses/.test(
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
          // The PostgreSQL stores against a real server (issue 15): one throw-away cluster per run
          // (tests/support/pg-global-setup.ts), or TEST_DATABASE_URL's server; a database per test file.
          test: {
            name: "pg",
            include: ["tests/pg/**/*.test.ts"],
            environment: "node",
            globalSetup: ["tests/support/pg-global-setup.ts"],
            testTimeout: 20_000,
            hookTimeout: 60_000,
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
