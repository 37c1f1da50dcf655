import { useEffect, useState } from "preact/hooks";

/** Where the panel covers the whole screen (panel.css) and so behaves as a modal dialog. */
export const FULL_SCREEN = "(max-width: 480px)";

const TABBABLE =
  "a[href],button,input,select,textarea,summary,[tabindex]:not([tabindex='-1'])";

/** Whether a media query matches, following its changes (a phone turned to landscape). */
export function useMediaQuery(win: Window, query: string): boolean {
  const [list] = useState(() => win.matchMedia?.(query));
  const [matches, setMatches] = useState(!!list?.matches);
  useEffect(() => {
    const onChange = () => setMatches(list!.matches);
    list?.addEventListener("change", onChange);
    return () => list?.removeEventListener("change", onChange);
  }, []);
  return matches;
}

/**
 * Keeps Tab and Shift+Tab inside `dialog`: from its last tabbable element to the first, and back (WAI-ARIA
 * APG, modal dialog). Elements of hidden views and of closed disclosures are not tabbable.
 */
export function trapTab(event: KeyboardEvent, dialog: HTMLElement): void {
  if (event.key !== "Tab") return;
  const items = Array.from(
    dialog.querySelectorAll<HTMLElement>(TABBABLE),
  ).filter(
    (item) =>
      !item.closest("[hidden]") &&
      (item.tagName === "SUMMARY" || !item.closest("details:not([open])")),
  );
  const index = items.indexOf(event.target as HTMLElement);
  // Shift+Tab from the first one, or from the title (not tabbable itself), goes round to the last.
  const next = event.shiftKey
    ? index <= 0 && items[items.length - 1]
    : index === items.length - 1 && items[0];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}
