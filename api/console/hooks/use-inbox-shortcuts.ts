import { useEffect, useRef } from "preact/hooks";
import { shortcutFor, type ShortcutAction } from "../requests/shortcuts.ts";

/** What each inbox shortcut does; `open` says whether there was something to open. */
export type InboxShortcutHandlers = Record<
  Exclude<ShortcutAction, "open">,
  () => void
> & { open: (target: Element | null) => boolean };

/** Listens to the inbox shortcuts on the document while `enabled`; the latest handlers are always used. */
export function useInboxShortcuts(
  enabled: boolean,
  handlers: InboxShortcutHandlers,
): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      const target = event.target instanceof Element ? event.target : null;
      if (action === "open") {
        // Enter on a button or another link belongs to that control; on a row link we open it ourselves.
        const control = target?.closest("a, button, summary, [role='button']");
        if (control && !control.matches("a[data-reference]")) return;
        if (latest.current.open(target)) event.preventDefault();
        return;
      }
      // `/` would otherwise start the browser's quick find in Firefox.
      event.preventDefault();
      latest.current[action]();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
