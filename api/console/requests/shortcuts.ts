// Inbox keyboard shortcuts. Single-letter shortcuts must be possible to switch off (WCAG 2.1.4, « Character
// Key Shortcuts »): the choice is kept in localStorage, and they never fire while typing in a field.

/** What a key does in the inbox. */
export type ShortcutAction = "next" | "previous" | "open" | "search" | "help";

/** The shortcuts as the help dialog lists them. */
export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: "j", action: "Demande suivante" },
  { keys: "k", action: "Demande précédente" },
  { keys: "Entrée", action: "Ouvrir la demande sélectionnée" },
  { keys: "/", action: "Aller à la recherche" },
  { keys: "?", action: "Afficher cette aide" },
];

/** The localStorage key of the on/off choice. */
export const SHORTCUTS_STORAGE_KEY = "snu-aide.console.shortcuts";

/** Whether shortcuts are on (default on); storage may be unavailable (private mode, policy): then on. */
export function readShortcutsEnabled(storage: Storage | undefined): boolean {
  try {
    return storage?.getItem(SHORTCUTS_STORAGE_KEY) !== "off";
  } catch {
    return true;
  }
}

/** Keeps the on/off choice; a storage failure only means it is not remembered. */
export function saveShortcutsEnabled(
  storage: Storage | undefined,
  enabled: boolean,
): void {
  try {
    storage?.setItem(SHORTCUTS_STORAGE_KEY, enabled ? "on" : "off");
  } catch {
    // Not remembered across visits; the current page still honours the choice.
  }
}

/** Whether keys typed on this element are text (or a choice), not commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || !(target as Element).tagName) return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  return (
    tag === "input" ||
    tag === "textarea" ||
    tag === "select" ||
    element.isContentEditable === true ||
    // Keys inside an open dialog belong to the dialog, not to the page behind it.
    element.closest?.("dialog") != null
  );
}

/** The action of a key press, or undefined when it is not a shortcut (or a modifier is held). */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (isTypingTarget(event.target)) return undefined;
  switch (event.key) {
    case "j":
      return "next";
    case "k":
      return "previous";
    case "Enter":
      return "open";
    case "/":
      return "search";
    case "?":
      return "help";
    default:
      return undefined;
  }
}
