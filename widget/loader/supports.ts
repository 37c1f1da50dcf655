import type { HostWindow } from "../shared/types.ts";

/**
 * The browser features the widget needs: shadow DOM, constructable style sheets (the only styling that
 * works under a strict host CSP), ES module `import()` and the ES2022 syntax the chunks are built for.
 * Two tests cover them all: every browser with `adoptedStyleSheets` (Chrome 73, Firefox 101, Safari 16.4)
 * has the shadow DOM, `replaceSync` and `import()`, and `Object.hasOwn` (Chrome 93) marks ES2022.
 * Without them: no launcher, no error.
 */
export function supportsWidget(win: HostWindow): boolean {
  try {
    return (
      "adoptedStyleSheets" in win.Document.prototype && "hasOwn" in win.Object
    );
  } catch {
    return false;
  }
}
