// Tip rules as plain functions, without zod: the console bundles these, the schemas in tip.ts and
// tip-source.ts are built on them.

/** The blank lines before a text (`\n` line ends), which normalizeTipMarkdown drops. */
export const LEADING_BLANK_LINES = /^(?:[ \t]*\n)+/;

/**
 * A tip text as a file holds it: `\n` line ends, no blank lines before it, no blanks after it. Sources are
 * kept so, so that tips:export then tips:import finds them unchanged.
 */
export function normalizeTipMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(LEADING_BLANK_LINES, "")
    .trimEnd();
}

/** Ids the console's own addresses use (`/tips/new`, `/tips/anchors`): a tip named so could not be opened. */
export const RESERVED_TIP_IDS: readonly string[] = ["new", "anchors"];

/** Why a reserved id is refused, in the API and in the console alike. */
export const RESERVED_TIP_ID_MESSAGE = "Cet identifiant est réservé.";
