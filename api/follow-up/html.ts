// Server-rendered pages (the follow-up page, issue 10) are built with one template tag, `markup`: every
// value is escaped unless it is markup the tag built itself, so data can never become HTML by mistake.
// (Not named `html`: Prettier would reformat such templates, changing the whitespace of the pages.)

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** Markup built by the `markup` tag: interpolated as is, never escaped twice. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** What a template may interpolate: text (escaped), markup, lists of either; false/null/undefined print nothing. */
export type HtmlPart =
  Html | string | number | false | null | undefined | readonly HtmlPart[];

/** Template tag for HTML: `markup\`<p>${text}</p>\`` escapes `text`. */
export function markup(
  strings: TemplateStringsArray,
  ...parts: HtmlPart[]
): Html {
  let result = strings[0]!;
  parts.forEach((part, index) => {
    result += render(part) + strings[index + 1]!;
  });
  return new Html(result);
}

function render(part: HtmlPart): string {
  if (part === false || part === null || part === undefined) return "";
  if (part instanceof Html) return part.markup;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}
