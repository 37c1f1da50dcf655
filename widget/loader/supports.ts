import type { HostWindow } from "../shared/types.ts";

/**
 * The browser features the widget needs: shadow DOM, constructable style sheets (the only styling that
 * works under a strict host CSP) and ES module `import()`. One test covers them all: every browser with
 * `adoptedStyleSheets` (Chrome 73, Firefox 101, Safari 16.4) has the other three. Without it: no launcher,
 * no error.
 */
export function supportsWidget(win: HostWindow): boolean {
  try {
    return "adoptedStyleSheets" in win.Document.prototype;
  } catch {
    return false;
  }
}
