// The bounds of a tip as plain constants, without zod: the schemas of tip.ts and tip-source.ts are built
// on them, and the console's form (api/console/tip-form.ts) checks its fields against the same numbers
// (issue 12). The widget imports none of this.

/** A tip id: 3 to 80 characters, lowercase words joined by dashes (it reads well in URLs and logs). */
export const TIP_ID_MIN = 3;
export const TIP_ID_MAX = 80;
export const TIP_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A title: one line of 3 to 120 characters. */
export const TIP_TITLE_MIN = 3;
export const TIP_TITLE_MAX = 120;

/** The Markdown text, once normalised (normalizeTipMarkdown). */
export const TIP_MARKDOWN_MAX = 5000;

/** A tip targets at least this many routes (no upper bound). */
export const TIP_ROUTES_MIN = 1;

/** A route parameter a tip restricts: a name as the apps' route patterns write them (`step`, `tab`). */
export const TIP_PARAM_NAME_RE = /^[A-Za-z]\w*$/;

/** Links, the tip's own and those of its text: https, no blank, no quote or angle bracket. */
export const TIP_LINK_MAX = 500;
export const TIP_LINK_RE = /^https:\/\/[^\s"'<>]+$/;

/** The anchor's CSS selector and the text the target must show. */
export const TIP_SELECTOR_MAX = 300;
export const TIP_ANCHOR_TEXT_MAX = 200;

/** Priorities have at most 9 digits, as a tip file writes them. */
export const TIP_PRIORITY_MAX = 999_999_999;

/** `5000` → `5 000`, as the French messages write counts. */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, " ");

/** Messages the API and the console's form give alike. */
export const TIP_MESSAGES = {
  markdownTooLong: `Le texte fait ${count(TIP_MARKDOWN_MAX)} caractères au plus.`,
  linkFormat:
    "Le lien doit commencer par https:// et ne contenir aucun espace.",
} as const;
