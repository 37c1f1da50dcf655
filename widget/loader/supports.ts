import type { HostWindow } from "../shared/types.ts";

/**
 * The browser features the widget needs: shadow DOM, constructable style sheets (the only styling that
 * works under a strict host CSP) and ES module `import()`. Without them: no launcher, no error.
 */
export function supportsWidget(win: HostWindow): boolean {
  try {
    return (
      typeof win.Element.prototype.attachShadow === "function" &&
      "adoptedStyleSheets" in win.Document.prototype &&
      typeof win.CSSStyleSheet.prototype.replaceSync === "function" &&
      "noModule" in win.document.createElement("script")
    );
  } catch {
    return false;
  }
}
